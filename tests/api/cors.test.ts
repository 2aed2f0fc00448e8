import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';

/**
 * CORS with CORS_ORIGINS set: only the listed sites get an answer they may read,
 * with credentials only because CORS_CREDENTIALS=true; an unlisted site gets no
 * Access-Control-Allow-Origin at all. (The default, no list, is checked in
 * public-access.test.ts: any site, never with credentials.)
 */
let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);

beforeAll(async () => {
  t = await startStrapi({ CORS_ORIGINS: 'https://dangjian.example.gov.cn, https://m.example.gov.cn', CORS_CREDENTIALS: 'true' });
});
afterAll(async () => {
  delete process.env.CORS_ORIGINS;
  delete process.env.CORS_CREDENTIALS;
  await t?.stop();
});

describe('CORS_ORIGINS', () => {
  it('answers the listed origins, with credentials as configured', async () => {
    for (const origin of ['https://dangjian.example.gov.cn', 'https://m.example.gov.cn']) {
      const res = await api().get('/api/articles').set('Origin', origin);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    }
  });

  it('gives an unlisted origin nothing to read, on simple and preflight requests', async () => {
    const res = await api().get('/api/articles').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await api().options('/api/articles').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
