import sharp from 'sharp';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A visibly fake photo for demo content: grey diagonal stripes and the word
 * PLACEHOLDER, large enough (1800×1200) for every responsive format to exist.
 */
export async function placeholderJpeg(label: string, width = 1800, height = 1200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><pattern id="s" width="80" height="80" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="80" height="80" fill="#d9d9d9"/><rect width="40" height="80" fill="#c4c4c4"/></pattern></defs>
  <rect width="100%" height="100%" fill="url(#s)"/>
  <rect x="8" y="8" width="${width - 16}" height="${height - 16}" fill="none" stroke="#8a1c1c" stroke-width="16"/>
  <text x="50%" y="45%" font-family="sans-serif" font-size="${Math.round(width / 9)}" font-weight="bold" fill="#8a1c1c" text-anchor="middle">PLACEHOLDER</text>
  <text x="50%" y="60%" font-family="sans-serif" font-size="${Math.round(width / 30)}" fill="#333" text-anchor="middle">${escapeXml(label)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
