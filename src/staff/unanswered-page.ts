import { alike, countRoutes, groupKey, groupUnanswered, type QuestionGroup } from '../report/unanswered';
import type { GroupMark, StaffSession, UnansweredMark, UnansweredQuestion } from '../store/types';
import { toCsv } from './csv';
import { markup } from './html';
import { csrfField, page } from './layout';
import { formatJapanTime, japanDay, japanDayStart } from './time';

export const MARK_LABELS: Record<GroupMark, string> = {
  handOff: 'ページに記載なし：電話案内',
  shouldAnswer: '回答すべき',
};

const ROUTE_LABELS: Record<string, string> = {
  hotline: '国のコールセンター',
  city: '市の窓口',
  multilingual: '多言語の窓口',
  unknown: '記録なし',
};
export const routeLabel = (route: string) => ROUTE_LABELS[route] ?? route;
const routesText = (routes: { route: string; count: number }[]) =>
  routes.map((r) => `${routeLabel(r.route)} ${r.count}`).join('、');

export interface DateRange {
  from: string;
  to: string;
  /** Epoch ms: from the start of `from` to the end of `to`, Japan time. */
  start: number;
  end: number;
  problem: string | null;
}

const DAY_MS = 24 * 3600_000;

/** The range asked for in the query (`from`, `to`: Japan days); the last 30 days when it is missing or wrong. */
export function readRange(query: Record<string, unknown>, now: number, retentionMs: number): DateRange {
  const today = japanDay(now);
  const fallbackFrom = japanDay(now - 29 * DAY_MS);
  const from = typeof query.from === 'string' && query.from ? query.from : fallbackFrom;
  const to = typeof query.to === 'string' && query.to ? query.to : today;
  const start = japanDayStart(from);
  const endDay = japanDayStart(to);
  if (start === null || endDay === null || start > endDay) {
    return {
      from: fallbackFrom,
      to: today,
      start: japanDayStart(fallbackFrom)!,
      end: japanDayStart(today)! + DAY_MS,
      problem:
        '期間の指定が正しくないため、直近30日を表示しています（開始日は終了日以前の日付にしてください）。',
    };
  }
  const kept = now - retentionMs;
  return {
    from,
    to,
    start,
    end: endDay + DAY_MS,
    problem: start < kept ? '質問は90日間だけ保存されるため、それより前の分は含まれません。' : null,
  };
}

export interface MarkedGroup extends QuestionGroup {
  key: string;
  mark: UnansweredMark | null;
}

/** The groups of the range, each with the latest mark given to it (by its key, or a marked question alike). */
export function markedGroups(questions: UnansweredQuestion[], marks: UnansweredMark[]): MarkedGroup[] {
  return groupUnanswered(questions).map((g) => {
    const key = groupKey(g.example);
    const mark = marks.find((m) => m.key === key) ?? marks.find((m) => alike(m.example, g.example)) ?? null;
    return { ...g, key, mark };
  });
}

export function unansweredPage(
  session: StaffSession,
  range: DateRange,
  questions: UnansweredQuestion[],
  groups: MarkedGroup[],
  marks: UnansweredMark[],
): string {
  const query = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  const markButtons = (g: MarkedGroup) =>
    (Object.keys(MARK_LABELS) as GroupMark[]).map(
      (m) =>
        markup`<form method="post" action="/staff/unanswered/mark">
          ${csrfField(session.csrfToken)}
          <input type="hidden" name="example" value="${g.example}" />
          <input type="hidden" name="count" value="${g.count}" />
          <input type="hidden" name="mark" value="${m}" />
          <input type="hidden" name="from" value="${range.from}" />
          <input type="hidden" name="to" value="${range.to}" />
          <button type="submit" class="${g.mark?.mark === m ? '' : 'secondary'}">${MARK_LABELS[m]}</button>
        </form>`,
    );
  return page(
    '答えられなかった質問',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'unanswered' },
    markup`<form method="get" action="/staff/unanswered" class="card filters">
        <div>
          <label for="from">開始日</label><input type="date" id="from" name="from" value="${range.from}" />
        </div>
        <div><label for="to">終了日</label><input type="date" id="to" name="to" value="${range.to}" /></div>
        <button type="submit">表示</button>
        <a class="button secondary" href="/staff/unanswered.csv?${query}" download>CSVをダウンロード</a>
      </form>
      ${range.problem ? markup`<p class="notice-box">${range.problem}</p>` : ''}
      <p>
        ${range.from}〜${range.to}（日本時間）に電話窓口へご案内した質問：<strong>${questions.length}件</strong>、
        似た質問ごとに<strong>${groups.length}グループ</strong>。
        ${questions.length ? markup`<br /><span class="muted">案内先：${routesText(countRoutes(questions))}</span>` : ''}
      </p>
      <p class="muted">
        質問文はマイナンバー・暗証番号・電話番号・メールアドレスなどを伏せた形で保存されています。
      </p>
      <div class="table-wrap">
        <table class="stack" id="groups">
          <thead>
            <tr>
              <th class="num">件数</th>
              <th>質問の例</th>
              <th>案内先</th>
              <th>最後の質問</th>
              <th>分類</th>
            </tr>
          </thead>
          <tbody>
            ${groups.map(
              (g) =>
                markup`<tr>
                  <td class="num" data-label="件数">${g.count}</td>
                  <td data-label="質問の例">
                    ${g.example}
                    ${
                      g.others.length
                        ? markup`<ul class="muted">
                            ${g.others.map((o) => markup`<li>${o}</li>`)}
                          </ul>`
                        : ''
                    }
                    ${g.nearUnits.length ? markup`<div class="muted">近い話題：${g.nearUnits.join('、')}</div>` : ''}
                  </td>
                  <td data-label="案内先">${routesText(g.routes)}</td>
                  <td data-label="最後の質問">${formatJapanTime(g.lastAt)}</td>
                  <td data-label="分類">
                    ${g.mark ? markup`<div><span class="badge">${MARK_LABELS[g.mark.mark]}</span> <span class="muted">${g.mark.markedBy}</span></div>` : ''}
                    <div class="actions">${markButtons(g)}</div>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${groups.length === 0 ? markup`<p>この期間に答えられなかった質問はありません。</p>` : ''}
      <h2 id="marked">分類済みのグループ（次のコンテンツ更新の出発点）</h2>
      ${
        marks.length
          ? markup`<div class="table-wrap">
                <table class="stack">
                  <thead>
                    <tr>
                      <th>分類</th>
                      <th>質問の例</th>
                      <th class="num">分類時の件数</th>
                      <th>分類した職員</th>
                      <th>日時</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${marks.map(
                      (m) =>
                        markup`<tr>
                          <td data-label="分類">${MARK_LABELS[m.mark]}</td>
                          <td data-label="質問の例">${m.example}</td>
                          <td class="num" data-label="分類時の件数">${m.count}</td>
                          <td data-label="分類した職員">${m.markedBy}</td>
                          <td data-label="日時">${formatJapanTime(m.markedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <p><a href="/staff/unanswered/marks.csv">分類済みのグループをCSVでダウンロード</a></p>`
          : markup`<p>まだ分類したグループはありません。</p>`
      }`,
  );
}

export function groupsCsv(groups: MarkedGroup[]): string {
  return toCsv([
    ['件数', '質問の例', 'ほかの例', '案内先', '近い話題', '最後の質問（日本時間）', '分類'],
    ...groups.map((g) => [
      g.count,
      g.example,
      g.others.join(' / '),
      routesText(g.routes),
      g.nearUnits.join(' / '),
      formatJapanTime(g.lastAt),
      g.mark ? MARK_LABELS[g.mark.mark] : '',
    ]),
  ]);
}

export function marksCsv(marks: UnansweredMark[]): string {
  return toCsv([
    ['分類', '質問の例', '分類時の件数', '分類した職員', '日時（日本時間）'],
    ...marks.map((m) => [MARK_LABELS[m.mark], m.example, m.count, m.markedBy, formatJapanTime(m.markedAt)]),
  ]);
}
