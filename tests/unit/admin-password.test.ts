import { adminPasswordProblem } from '../../src/bootstrap/admin-user';

describe('ADMIN_PASSWORD', () => {
  it.each([
    ['short', 'Ab1', 'at least 8 characters'],
    ['no digit', 'Abcdefgh', 'a number'],
    ['no uppercase', 'abcdefg1', 'an uppercase letter'],
    ['too long', `Ab1${'x'.repeat(70)}`, 'at most 72 bytes'],
  ])('refuses a password that is %s', (_why, password, message) => {
    expect(adminPasswordProblem(password)).toContain(message);
  });
  it('accepts a strong one', () => {
    expect(adminPasswordProblem('Choose-your-own-1')).toBeNull();
  });
});
