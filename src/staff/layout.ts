import { markup, type SafeHtml } from './html';

export interface PageContext {
  /** The signed-in account; null on the sign-in and set-up pages. */
  staffName: string | null;
  csrfToken: string | null;
  /** Which link of the menu is this page. */
  current?: 'home' | 'notices' | 'unanswered' | 'audit';
}

const MENU: { key: NonNullable<PageContext['current']>; href: string; label: string }[] = [
  { key: 'home', href: '/staff', label: '今日の様子' },
  { key: 'notices', href: '/staff/notices', label: 'お知らせ' },
  { key: 'unanswered', href: '/staff/unanswered', label: '答えられなかった質問' },
  { key: 'audit', href: '/staff/audit', label: '操作記録' },
];

/** The hidden field every form of a signed-in page carries. */
export const csrfField = (token: string | null) =>
  markup`<input type="hidden" name="_csrf" value="${token}" />`;

export function page(title: string, ctx: PageContext, body: SafeHtml): string {
  const menu = ctx.staffName
    ? markup`<nav aria-label="メニュー">
          ${MENU.map(
            (m) =>
              markup`<a href="${m.href}" ${m.key === ctx.current ? markup`aria-current="page"` : ''}>${m.label}</a>`,
          )}
        </nav>
        <span class="who">${ctx.staffName} さん</span>
        <form method="post" action="/staff/logout">
          ${csrfField(ctx.csrfToken)}<button type="submit" class="secondary">サインアウト</button>
        </form>`
    : '';
  return markup`<!doctype html>
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} | 職員コンソール</title>
        <link rel="stylesheet" href="/staff/font/japanese-400.css" />
        <link rel="stylesheet" href="/staff/font/japanese-700.css" />
        <link rel="stylesheet" href="/staff/font/latin-400.css" />
        <link rel="stylesheet" href="/staff/font/latin-700.css" />
        <link rel="stylesheet" href="/staff/assets/staff.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <header class="top"><span class="brand">職員コンソール</span>${menu}</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}
