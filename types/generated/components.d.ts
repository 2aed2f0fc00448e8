import type { Schema, Struct } from '@strapi/strapi';

export interface NewsroomByline extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_byline';
  info: {
    description: 'A role (\u672C\u62A5\u901A\u8BAF\u5458, \u8BB0\u8005\u2026) and the people or organisations under it';
    displayName: '\u7F72\u540D Byline';
    icon: 'user';
  };
  attributes: {
    contributors: Schema.Attribute.Relation<'oneToMany', 'api::contributor.contributor'>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50;
      }>;
  };
}

export interface NewsroomCorrection extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_correction';
  info: {
    description: "A notice readers see with a published article (\u66F4\u6B63, \u8BF4\u660E, \u81F4\u6B49); it goes live with the page's next signature like any edit";
    displayName: '\u66F4\u6B63 Correction';
    icon: 'pencil';
  };
  attributes: {
    by: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    date: Schema.Attribute.Date & Schema.Attribute.Required;
    kind: Schema.Attribute.Enumeration<['\u66F4\u6B63', '\u8BF4\u660E', '\u81F4\u6B49']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'\u66F4\u6B63'>;
    text: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
  };
}

export interface NewsroomPageCredits extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_page_credits';
  info: {
    description: 'Per-page editorial credits';
    displayName: '\u7F16\u8F91/\u7248\u5F0F/\u5BA1\u6821 Page credits';
    icon: 'pencil';
  };
  attributes: {
    editor: Schema.Attribute.Relation<'oneToOne', 'api::contributor.contributor'>;
    layout: Schema.Attribute.Relation<'oneToOne', 'api::contributor.contributor'>;
    proofreader: Schema.Attribute.Relation<'oneToOne', 'api::contributor.contributor'>;
  };
}

export interface NewsroomPageFormat extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_page_formats';
  info: {
    description: "Paper and type area in mm, grid columns and rows, gutter in mm, body size and leading in pt (used when the publication's page format is custom)";
    displayName: '\u81EA\u5B9A\u4E49\u5F00\u672C Custom page format';
    icon: 'apps';
  };
  attributes: {
    bodySize: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 24;
          min: 5;
        },
        number
      >;
    columns: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 24;
          min: 1;
        },
        number
      >;
    gutter: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 50;
          min: 0;
        },
        number
      >;
    leading: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 48;
          min: 5;
        },
        number
      >;
    paperHeight: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 2000;
          min: 50;
        },
        number
      >;
    paperWidth: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 2000;
          min: 50;
        },
        number
      >;
    rows: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 80;
          min: 1;
        },
        number
      >;
    typeHeight: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 2000;
          min: 30;
        },
        number
      >;
    typeWidth: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          max: 2000;
          min: 30;
        },
        number
      >;
  };
}

export interface NewsroomPhoto extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_photo';
  info: {
    description: 'A photo with caption and credit (\u25A1\u672C\u62A5\u8BB0\u8005 \u9676\u7EF4\u660E\u6444, \u2026\u4F9B\u56FE, \u56FE\u7247\u7531\u2026\u63D0\u4F9B)';
    displayName: '\u56FE\u7247 Photo';
    icon: 'picture';
  };
  attributes: {
    caption: Schema.Attribute.Text;
    credit: Schema.Attribute.Relation<'oneToOne', 'api::contributor.contributor'>;
    creditKind: Schema.Attribute.Enumeration<['\u6444', '\u4F9B\u56FE', '\u63D0\u4F9B']>;
    creditRole: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50;
      }>;
    image: Schema.Attribute.Media<'images'>;
    position: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
  };
}

export interface NewsroomPlacement extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_placement';
  info: {
    description: "An article placed on a page: its order, and its rectangle on the page's module grid (column and row, 1-based, with spans); without a rectangle the page is laid out automatically";
    displayName: '\u7248\u9762\u4F4D\u7F6E Placement';
    icon: 'layout';
  };
  attributes: {
    article: Schema.Attribute.Relation<'oneToOne', 'api::article.article'>;
    col: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 24;
          min: 1;
        },
        number
      >;
    colSpan: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 24;
          min: 1;
        },
        number
      >;
    label: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    lead: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    order: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 1;
        },
        number
      > &
      Schema.Attribute.DefaultTo<1>;
    row: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 80;
          min: 1;
        },
        number
      >;
    rowSpan: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 80;
          min: 1;
        },
        number
      >;
    span: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 24;
          min: 1;
        },
        number
      > &
      Schema.Attribute.DefaultTo<2>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'newsroom.byline': NewsroomByline;
      'newsroom.correction': NewsroomCorrection;
      'newsroom.page-credits': NewsroomPageCredits;
      'newsroom.page-format': NewsroomPageFormat;
      'newsroom.photo': NewsroomPhoto;
      'newsroom.placement': NewsroomPlacement;
    }
  }
}
