import type { NoticeBatch, NoticeRecord, NoticeStatus, StaffSession } from '../store/types';
import { markup, type SafeHtml } from './html';
import { csrfField, page } from './layout';
import { formatJapanTime } from './time';

export type AudienceChoice = 'topic' | 'all';

/** What the compose form holds, as typed. */
export interface Draft {
  id: string;
  text: string;
  audience: AudienceChoice;
  when: 'now' | 'later';
  /** `datetime-local`, Japan time. */
  sendAt: string;
}

export interface Audience {
  size: number;
  note: string;
}

export const AUDIENCE_LABELS: Record<AudienceChoice, string> = {
  topic: 'お知らせを希望した人（マイナポイントのお知らせ）',
  all: 'すべての友だち',
};

export function noticeStatusLabel(n: Pick<NoticeRecord, 'status' | 'sendAt'>, now: number): string {
  const labels: Record<NoticeStatus, string> = {
    queued: n.sendAt > now ? '予約済み' : '送信待ち',
    sending: '送信中',
    sent: '送信済み',
    failed: '失敗',
    needsDecision: '要判断',
    cancelled: '取り消し済み',
  };
  return labels[n.status];
}

function batchStatusLabel(b: NoticeBatch, notice: NoticeRecord): string {
  if (b.status === 'pending') return notice.status === 'sending' ? '送信中（再試行を含む）' : '未送信';
  return { sent: '送信済み', failed: '失敗', needsDecision: '要判断' }[b.status];
}

const audienceText = (n: NoticeRecord) =>
  n.audience.kind === 'all' ? AUDIENCE_LABELS.all : AUDIENCE_LABELS.topic;
const textOf = (n: NoticeRecord) =>
  (n.messages as { type: string; text?: string; altText?: string }[])
    .map((m) => m.text ?? m.altText ?? '')
    .join('\n\n');
export const cancellable = (n: NoticeRecord) => n.status === 'queued' || n.status === 'needsDecision';

/** A text message drawn as the local chat draws LINE's talk screen: the bot's avatar and a white bubble. */
export const talkPreview = (botName: string, text: string): SafeHtml =>
  markup`<div class="talk" aria-label="LINEでの見え方">
    <div class="muted">${botName}</div>
    <div class="row">
      <div class="avatar">市</div>
      <div class="msg">${text}</div>
    </div>
  </div>`;

function composeForm(session: StaffSession, draft: Draft, errors: string[]): SafeHtml {
  return markup`<form method="post" action="/staff/notices/preview" class="card" id="compose">
    ${csrfField(session.csrfToken)}
    <input type="hidden" name="draft" value="${draft.id}" />
    ${
      errors.length
        ? markup`<ul class="error" role="alert">
            ${errors.map((e) => markup`<li>${e}</li>`)}
          </ul>`
        : ''
    }
    <label for="text">本文</label>
    <textarea id="text" name="text" maxlength="5000" required>${draft.text}</textarea>
    <fieldset class="choices">
      <legend>送り先</legend>
      ${(['topic', 'all'] as const).map(
        (a) =>
          markup`<label
            ><input type="radio" name="audience" value="${a}" ${draft.audience === a ? markup`checked` : ''} />
            ${AUDIENCE_LABELS[a]}</label>`,
      )}
    </fieldset>
    <fieldset class="choices">
      <legend>送信日時</legend>
      <label
        ><input type="radio" name="when" value="now" ${draft.when === 'now' ? markup`checked` : ''} />
        すぐに送る</label>
      <label
        ><input type="radio" name="when" value="later" ${draft.when === 'later' ? markup`checked` : ''} />
        日時を指定して予約する（日本時間）</label>
      <input type="datetime-local" name="sendAt" aria-label="予約日時（日本時間）" value="${draft.sendAt}" />
    </fieldset>
    <div class="actions"><button type="submit">プレビューと送信先の人数を確認</button></div>
  </form>`;
}

export function noticesPage(
  session: StaffSession,
  draft: Draft,
  errors: string[],
  notices: NoticeRecord[],
  now: number,
): string {
  return page(
    'お知らせ',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'notices' },
    markup`<h2>新しいお知らせ</h2>
      ${composeForm(session, draft, errors)}
      <h2>これまでのお知らせ</h2>
      ${
        notices.length
          ? markup`<div class="table-wrap">
              <table class="stack" id="notices">
                <thead>
                  <tr>
                    <th>送信日時</th>
                    <th>状態</th>
                    <th>送り先</th>
                    <th>本文</th>
                    <th>送信者</th>
                  </tr>
                </thead>
                <tbody>
                  ${notices.map(
                    (n) =>
                      markup`<tr>
                        <td data-label="送信日時">
                          <a href="/staff/notices/${n.id}">${formatJapanTime(n.sendAt)}</a>
                        </td>
                        <td data-label="状態">
                          <span class="badge ${n.status}">${noticeStatusLabel(n, now)}</span>
                        </td>
                        <td data-label="送り先">
                          ${audienceText(n)}${n.recipients === null ? '' : `（${n.recipients}人）`}
                        </td>
                        <td data-label="本文">
                          ${textOf(n).slice(0, 60)}${textOf(n).length > 60 ? '…' : ''}
                        </td>
                        <td data-label="送信者">${n.sender}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : markup`<p>まだお知らせはありません。</p>`
      }`,
  );
}

export function previewPage(
  session: StaffSession,
  botName: string,
  draft: Draft,
  sendAt: number,
  audience: Audience,
  now: number,
  problem: string | null,
): string {
  const toAll = draft.audience === 'all';
  const scheduled = draft.when === 'later';
  return page(
    'お知らせの確認',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'notices' },
    markup`<div class="card">
        <h2>LINEでの見え方</h2>
        ${talkPreview(botName, draft.text)}
        <p>
          送り先：<strong>${AUDIENCE_LABELS[draft.audience]}</strong>&emsp;<strong id="audience-size">${audience.size}人</strong>
        </p>
        <p class="muted">${audience.note}</p>
        <p>送信：<strong>${scheduled ? `${formatJapanTime(sendAt)}に予約` : 'すぐに送信'}</strong></p>
        ${audience.size === 0 ? markup`<p class="notice-box">いまの送り先は0人です。送っても誰にも届きません。</p>` : ''}
        ${problem ? markup`<p class="error" role="alert">${problem}</p>` : ''}
        <form method="post" action="/staff/notices">
          ${csrfField(session.csrfToken)}
          <input type="hidden" name="draft" value="${draft.id}" />
          <input type="hidden" name="text" value="${draft.text}" />
          <input type="hidden" name="audience" value="${draft.audience}" />
          <input type="hidden" name="when" value="${draft.when}" />
          <input type="hidden" name="sendAt" value="${draft.sendAt}" />
          ${
            toAll
              ? markup`<div class="notice-box">
                  <label
                    ><input type="checkbox" name="confirmAll" value="yes" required />
                    すべての友だち（${audience.size}人）に送ることを確認しました。送ったお知らせは取り消せません。</label>
                </div>`
              : ''
          }
          <div class="actions">
            <button type="submit" id="confirm-send">
              ${scheduled ? 'この内容で予約する' : 'この内容で送信する'}
            </button>
          </div>
        </form>
      </div>
      <h2>修正する</h2>
      ${composeForm(session, draft, [])}
      <p class="muted">確認時刻 ${formatJapanTime(now)}</p>`,
  );
}

export function noticePage(
  session: StaffSession,
  botName: string,
  notice: NoticeRecord,
  batches: NoticeBatch[],
  now: number,
  message: string | null,
): string {
  return page(
    'お知らせの詳細',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'notices' },
    markup`${message ? markup`<p class="ok-box" role="status">${message}</p>` : ''}
      <div class="card">
        <p>
          状態：<span class="badge ${notice.status}" id="notice-status">${noticeStatusLabel(notice, now)}</span>
        </p>
        <p>
          送り先：${audienceText(notice)}${notice.recipients === null ? '' : `（${notice.recipients}人）`}
        </p>
        <p>
          送信日時：${formatJapanTime(notice.sendAt)}${notice.finishedAt === null ? '' : `（完了 ${formatJapanTime(notice.finishedAt)}）`}
        </p>
        <p>送信者：${notice.sender}&emsp;作成：${formatJapanTime(notice.createdAt)}</p>
        ${notice.detail ? markup`<p class="muted">記録：${notice.detail}</p>` : ''}
        ${talkPreview(botName, textOf(notice))}
        ${
          cancellable(notice)
            ? markup`<form method="post" action="/staff/notices/${notice.id}/cancel" class="actions">
                ${csrfField(session.csrfToken)}
                <button type="submit" class="danger" id="cancel-notice">このお知らせを取り消す</button>
              </form>`
            : ''
        }
      </div>
      <h2>送信の単位（LINEへのリクエスト）</h2>
      ${
        batches.length
          ? markup`<div class="table-wrap">
              <table class="stack" id="batches">
                <thead>
                  <tr>
                    <th class="num">番号</th>
                    <th class="num">人数</th>
                    <th>状態</th>
                    <th>LINEのリクエストID</th>
                    <th>理由</th>
                  </tr>
                </thead>
                <tbody>
                  ${batches.map(
                    (b) =>
                      markup`<tr>
                        <td class="num" data-label="番号">${b.index + 1}</td>
                        <td class="num" data-label="人数">
                          ${b.recipients === null ? '全員' : b.recipients.length}
                        </td>
                        <td data-label="状態">
                          <span class="badge ${b.status}">${batchStatusLabel(b, notice)}</span>
                        </td>
                        <td data-label="リクエストID">${b.requestId ?? ''}</td>
                        <td data-label="理由">${b.detail ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : markup`<p>
              ${notice.status === 'cancelled' ? '送信前に取り消されました。' : 'まだ送信は始まっていません。'}
            </p>`
      }
      <p><a href="/staff/notices">お知らせの一覧へ</a></p>`,
  );
}
