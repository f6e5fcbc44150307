import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const zhKeys = flatten(zh);
  const enKeys = flatten(en);

  it('zh and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
    expect(zhKeys.size).toBeGreaterThan(100);
  });

  it('no value is empty', () => {
    for (const [lang, keys] of [
      ['zh', zhKeys],
      ['en', enKeys],
    ] as const) {
      for (const [key, value] of keys) {
        expect(value.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('both languages use the same placeholders', () => {
    for (const [key, value] of zhKeys) {
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('English is really English (no Chinese left untranslated outside quoted examples)', () => {
    const allowed = new Set(['lang.switchTo', 'search.emptyHint', 'me.aboutBody']);
    for (const [key, value] of enKeys) {
      if (allowed.has(key)) continue;
      expect(/[\u3400-\u9fff]/.test(value), `${key}: ${value}`).toBe(false);
    }
  });

  it('uses the guide’s own wording for the key Chinese strings', () => {
    expect(zh.home.searchPlaceholder).toBe('搜索服务');
    expect(zh.login.prompt).toBe('请登录');
    expect(zh.faq.intro).toBe('搜索热门问题解答，如未能解答您的疑问，可留言反馈');
    expect(zh.search.empty).toBe('没有找到相关服务');
    expect(zh.action.comingBody).toContain('该服务的在线办理即将开放');
    expect(zh.inbox.empty).toBe('暂无消息');
  });
});
