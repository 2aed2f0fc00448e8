import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';

let t: TestStrapi;
let token: string;
const api = () => request(t.strapi.server.httpServer);
const auth = () => ({ Authorization: `Bearer ${token}` });
const fieldsOf = (res: request.Response) => (res.body.error?.details?.errors ?? []).map((e: any) => e.path.join('.'));

beforeAll(async () => {
  t = await startStrapi();
  token = await createApiToken(t.strapi);
});
afterAll(async () => t?.stop());

describe('article validation', () => {
  it('refuses an article without headline, naming the field', async () => {
    const res = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { body: '正文' } });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(fieldsOf(res)).toContain('headline');
  });

  it('refuses a blank headline on update', async () => {
    const created = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '基层党建' } });
    expect(created.status).toBe(201);
    const res = await api()
      .put(`/api/articles/${created.body.data.documentId}`)
      .set(auth())
      .send({ data: { headline: '  ' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain('headline');
  });

  it('refuses a headline over 200 characters and accepts exactly 200', async () => {
    const tooLong = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '党'.repeat(201) } });
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong)).toContain('headline');
    const ok = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '党'.repeat(200) } });
    expect(ok.status).toBe(201);
  });

  it('stores nothing when validation fails', async () => {
    const before = await t.strapi.db.query('api::article.article').count();
    await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '', body: 'x' } });
    expect(await t.strapi.db.query('api::article.article').count()).toBe(before);
  });
});

describe('slugs', () => {
  it('makes a pinyin slug, unique, and keeps it when the headline changes', async () => {
    const a = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '党建引领 做强“福禄”产业链' } });
    expect(a.status).toBe(201);
    expect(a.body.data.slug).toBe('dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian');
    const b = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '党建引领，做强“福禄”产业链！' } });
    expect(b.body.data.slug).toBe('dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian-2');
    const edited = await api()
      .put(`/api/articles/${a.body.data.documentId}`)
      .set(auth())
      .send({ data: { headline: '党建引领 做大葫芦产业' } });
    expect(edited.status).toBe(200);
    expect(edited.body.data.headline).toBe('党建引领 做大葫芦产业');
    expect(edited.body.data.slug).toBe('dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian');
  });

  it('keeps a slug once set when a save sends Strapi’s placeholder (the admin’s 新建关联 dialog saved twice sends `column`)', async () => {
    const { adminToken, createAdminUser } = await import('../helpers/admin-users');
    await createAdminUser(t.strapi, { email: 'slug-editor@paper.example', password: 'Slug-test-1', firstname: '编辑', roleCodes: ['banmian-editor'] });
    const admin = { Authorization: `Bearer ${await adminToken(t.strapi, 'slug-editor@paper.example', 'Slug-test-1')}` };
    const CM = '/content-manager/collection-types/api::column.column';
    const created = await api().post(`${CM}?locale=zh-Hans`).set(admin).send({ name: '领导干部学习笔谈' });
    expect(created.status).toBe(201);
    expect(created.body.data.slug).toBe('ling-dao-gan-bu-xue-xi-bi-tan');
    const again = await api().put(`${CM}/${created.body.data.documentId}?locale=zh-Hans`).set(admin).send({ name: '领导干部学习笔谈', slug: 'column' });
    expect(again.status).toBe(200);
    expect(again.body.data.slug).toBe('ling-dao-gan-bu-xue-xi-bi-tan');
    const served = await api().get(`/api/columns/${created.body.data.documentId}`).set(auth());
    expect(served.body.data.slug).toBe('ling-dao-gan-bu-xue-xi-bi-tan');
    const article = await api()
      .post('/api/articles?status=draft')
      .set(auth())
      .send({ data: { headline: '网址名不变' } });
    const put = await api()
      .put(`/api/articles/${article.body.data.documentId}?status=draft`)
      .set(auth())
      .send({ data: { slug: 'article-2' } });
    expect(put.body.data.slug).toBe('wang-zhi-ming-bu-bian');
    // A slug someone chose is a choice.
    const chosen = await api().put(`${CM}/${created.body.data.documentId}?locale=zh-Hans`).set(admin).send({ slug: 'xue-xi-bi-tan' });
    expect(chosen.body.data.slug).toBe('xue-xi-bi-tan');
  });

  it('refuses a chosen slug that another entry uses', async () => {
    const res = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '另一篇', slug: 'dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain('slug');
  });

  it('slugs columns and publications too', async () => {
    const c = await api()
      .post('/api/columns')
      .set(auth())
      .send({ data: { name: '争先创优' } });
    expect(c.body.data.slug).toBe('zheng-xian-chuang-you');
    const p = await api()
      .post('/api/publications')
      .set(auth())
      .send({ data: { name: '鹤岗党建' } });
    expect(p.body.data.slug).toBe('he-gang-dang-jian');
  });
});

describe('contributors', () => {
  it('normalises names on save', async () => {
    const res = await api()
      .post('/api/contributors')
      .set(auth())
      .send({ data: { name: '□王 芳' } });
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe('王芳');
    expect(res.body.data.kind).toBe('person');
    const org = await api()
      .post('/api/contributors')
      .set(auth())
      .send({ data: { name: '■中共鹤岗市委组织部' } });
    expect(org.body.data.kind).toBe('organisation');
  });

  it('does not create the same person twice, whatever the padding', async () => {
    const again = await api()
      .post('/api/contributors')
      .set(auth())
      .send({ data: { name: '王\u3000芳' } });
    expect(again.status).toBe(400);
    expect(fieldsOf(again)).toContain('name');
    expect(again.body.error.message).toContain('王芳');
    expect(await t.strapi.db.query('api::contributor.contributor').count({ where: { name: '王芳' } })).toBe(1);
  });

  it("refuses renaming one contributor to another one's name", async () => {
    const liu = await api()
      .post('/api/contributors')
      .set(auth())
      .send({ data: { name: '刘 军' } });
    const res = await api()
      .put(`/api/contributors/${liu.body.data.documentId}`)
      .set(auth())
      .send({ data: { name: '王芳' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain('name');
  });
});

describe('numbering rules', () => {
  let pubA: string;
  let pubB: string;
  beforeAll(async () => {
    pubA = (
      await api()
        .post('/api/publications')
        .set(auth())
        .send({ data: { name: '甲报' } })
    ).body.data.documentId;
    pubB = (
      await api()
        .post('/api/publications')
        .set(auth())
        .send({ data: { name: '乙报' } })
    ).body.data.documentId;
  });

  it('keeps issue numbers unique within a publication, not across publications', async () => {
    const first = await api()
      .post('/api/issues?status=draft')
      .set(auth())
      .send({ data: { number: 7, date: '2024-01-05', publication: pubA } });
    expect(first.status).toBe(201);
    const dup = await api()
      .post('/api/issues?status=draft')
      .set(auth())
      .send({ data: { number: 7, date: '2024-01-12', publication: { connect: [pubA] } } });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup)).toEqual(['number']);
    const other = await api()
      .post('/api/issues?status=draft')
      .set(auth())
      .send({ data: { number: 7, date: '2024-01-05', publication: pubB } });
    expect(other.status).toBe(201);
    // Moving the second one into publication A would collide too.
    const move = await api()
      .put(`/api/issues/${other.body.data.documentId}?status=draft`)
      .set(auth())
      .send({ data: { publication: pubA } });
    expect(move.status).toBe(400);
    // Saving an issue with its own number is not a collision.
    const self = await api()
      .put(`/api/issues/${first.body.data.documentId}?status=draft`)
      .set(auth())
      .send({ data: { number: 7, title: '改标题' } });
    expect(self.status).toBe(200);
  });

  it('keeps page numbers unique within an issue', async () => {
    const issue = (
      await api()
        .post('/api/issues?status=draft')
        .set(auth())
        .send({ data: { number: 8, date: '2024-01-12', publication: pubA } })
    ).body.data.documentId;
    const issue2 = (
      await api()
        .post('/api/issues?status=draft')
        .set(auth())
        .send({ data: { number: 9, date: '2024-01-19', publication: pubA } })
    ).body.data.documentId;
    expect(
      (
        await api()
          .post('/api/pages')
          .set(auth())
          .send({ data: { number: 1, name: '要闻', issue } })
      ).status,
    ).toBe(201);
    const dup = await api()
      .post('/api/pages')
      .set(auth())
      .send({ data: { number: 1, name: '党建', issue } });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup)).toEqual(['number']);
    expect(
      (
        await api()
          .post('/api/pages')
          .set(auth())
          .send({ data: { number: 1, name: '要闻', issue: issue2 } })
      ).status,
    ).toBe(201);
  });

  it('requires an issue number even for a draft', async () => {
    const res = await api()
      .post('/api/issues?status=draft')
      .set(auth())
      .send({ data: { date: '2024-01-12', publication: pubA } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain('number');
  });
});
