import { Converter } from 'opencc-js';

/**
 * One form for matching: zh-Hant folded to zh-Hans (OpenCC's standard traditional →
 * mainland simplified, with its phrase tables), Latin letters to lower case. Text and
 * queries both go through it, so 黨建 finds 党建 and PARTY finds party.
 */
const toHans = Converter({ from: 't', to: 'cn' });

export const fold = (text: string): string => toHans(text).toLowerCase();
