import type { AuditEntry, StaffSession } from '../store/types';
import { UNKNOWN_ACTOR } from './auth';
import { markup } from './html';
import { page } from './layout';
import { formatJapanTime } from './time';

/** How each action reads in the console. */
export const ACTION_LABELS: Record<string, string> = {
  signIn: 'サインイン',
  signInFailed: 'サインイン失敗',
  signInRefused: 'サインイン拒否',
  signOut: 'サインアウト',
  noticeSent: 'お知らせ送信',
  noticeScheduled: 'お知らせ予約',
  noticeCancelled: 'お知らせ予約の取り消し',
  groupMarked: '質問グループの分類',
};

export function auditPage(session: StaffSession, entries: AuditEntry[]): string {
  return page(
    '操作記録',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'audit' },
    markup`<p class="muted">新しい順に最大500件。時刻は日本時間です。</p>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th>日時</th>
              <th>職員</th>
              <th>操作</th>
              <th>対象</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (e) =>
                markup`<tr>
                  <td data-label="日時">${formatJapanTime(e.at)}</td>
                  <td data-label="職員">${e.actor === UNKNOWN_ACTOR ? '（不明なアカウント）' : e.actor}</td>
                  <td data-label="操作">${ACTION_LABELS[e.action] ?? e.action}</td>
                  <td data-label="対象">${e.target ?? ''}</td>
                  <td data-label="内容">${e.detail ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${entries.length === 0 ? markup`<p>まだ記録はありません。</p>` : ''}`,
  );
}
