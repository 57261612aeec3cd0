import type { StaffSession } from '../store/types';
import { markup } from './html';
import { page } from './layout';
import type { StaffDeps } from './routes';
import { formatJapanTime, japanDay, japanDayStart } from './time';
import { routeLabel } from './unanswered-page';

/** Today (Japan time) at a glance: counts only, never what anyone wrote. */
export async function homePage(deps: StaffDeps, session: StaffSession): Promise<string> {
  const now = deps.clock.realNow();
  const since = japanDayStart(japanDay(now))!;
  const c = await deps.store.countActivity(since);
  const stat = (label: string, value: number, note = '') =>
    markup`<div class="card"><div class="muted">${label}</div><div class="stat">${value.toLocaleString()}</div>${note ? markup`<div class="muted">${note}</div>` : ''}</div>`;
  const list = (rows: { label: string; count: number }[], empty: string) =>
    rows.length
      ? markup`<table><tbody>${rows.map((r) => markup`<tr><td>${r.label}</td><td class="num">${r.count.toLocaleString()}</td></tr>`)}</tbody></table>`
      : markup`<p class="muted">${empty}</p>`;
  return page(
    '今日の様子',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'home' },
    markup`<p class="muted">${japanDay(now)} 0:00 から ${formatJapanTime(now)} まで（日本時間）。件数だけを表示し、メッセージの内容は表示しません。</p>
      <div class="grid" id="glance">
        ${stat('会話した人・グループ', c.conversations)}
        ${stat('返信したメッセージ', c.outcomes.answered)}
        ${stat(
          '電話窓口へのご案内',
          c.handoffsByRoute.reduce((n, r) => n + r.count, 0),
        )}
        ${stat('返信できなかったメッセージ', c.outcomes.missed + c.outcomes.failed, `期限切れ ${c.outcomes.missed}・エラー ${c.outcomes.failed}`)}
        ${stat('送信したお知らせ', c.noticesSent, c.noticeRecipients ? `希望者あて ${c.noticeRecipients.toLocaleString()}人` : '')}
      </div>
      <div class="grid">
        <div class="card"><h2>話題ごとの回答</h2>${list(
          c.answersByUnit.map((u) => ({ label: deps.unitLabels.get(u.unit) ?? u.unit, count: u.count })),
          'まだありません。',
        )}</div>
        <div class="card"><h2>案内先ごとの件数</h2>${list(
          c.handoffsByRoute.map((r) => ({ label: routeLabel(r.route), count: r.count })),
          'まだありません。',
        )}<p><a href="/staff/unanswered">答えられなかった質問を見る</a></p></div>
      </div>`,
  );
}
