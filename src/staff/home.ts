import type { StaffSession } from '../store/types';
import { markup } from './html';
import { page } from './layout';
import type { StaffDeps } from './routes';

export async function homePage(_deps: StaffDeps, session: StaffSession): Promise<string> {
  return page(
    '今日の様子',
    { staffName: session.staffName, csrfToken: session.csrfToken, current: 'home' },
    markup`<div class="card"><p>メニューからお知らせ、答えられなかった質問、操作記録を開けます。</p></div>`,
  );
}
