import { markup } from './html';
import type { StaffSession } from '../store/types';
import { page } from './layout';
import { formatJapanTime } from './time';

export function setupPage(): string {
  return page(
    '職員コンソール',
    { staffName: null, csrfToken: null },
    markup`<div class="card narrow">
      <p>
        まだ職員アカウントがありません。サーバーで次のコマンドを実行して、最初のアカウントを作ってください。
      </p>
      <p><code>npm run staff -- add 名前</code></p>
      <p class="muted">
        パスワードを2回たずねられます（10文字以上）。スクリプトからは環境変数
        <code>STAFF_PASSWORD</code> で渡せます。
        作ったあと、このページを読み込み直すとサインイン画面になります。
      </p>
    </div>`,
  );
}

export type SignInProblem = 'wrong' | 'disabled' | 'locked' | 'expired' | null;

export function signInPage(token: string, problem: SignInProblem, lockedUntil?: number): string {
  const message =
    problem === 'wrong'
      ? '名前またはパスワードが違います。'
      : problem === 'disabled'
        ? 'このアカウントは停止されています。管理者に連絡してください。'
        : problem === 'locked'
          ? `パスワードの誤りが続いたため、${lockedUntil ? formatJapanTime(lockedUntil) : 'しばらく'}までサインインできません。`
          : problem === 'expired'
            ? 'フォームの有効期限が切れました。もう一度入力してください。'
            : null;
  return page(
    'サインイン',
    { staffName: null, csrfToken: null },
    markup`<div class="card narrow">
      ${message ? markup`<p class="error" role="alert">${message}</p>` : ''}
      <form method="post" action="/staff/login">
        <input type="hidden" name="_csrf" value="${token}" />
        <label for="name">名前</label>
        <input type="text" id="name" name="name" autocomplete="username" required />
        <label for="password">パスワード</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div class="actions"><button type="submit">サインイン</button></div>
      </form>
    </div>`,
  );
}

export function refusedPage(): string {
  return page(
    '操作できませんでした',
    { staffName: null, csrfToken: null },
    markup`<div class="card narrow">
      <p class="error">サインインの有効期限が切れたか、フォームが古くなっています。</p>
      <p><a href="/staff">職員コンソールを開き直す</a></p>
    </div>`,
  );
}

export function badRequestPage(session: StaffSession, message: string): string {
  return page(
    '入力を確認してください',
    { staffName: session.staffName, csrfToken: session.csrfToken },
    markup`<div class="card">
      <p class="error">${message}</p>
      <p><a href="/staff">職員コンソールに戻る</a></p>
    </div>`,
  );
}
