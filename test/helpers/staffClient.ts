import type { StaffStore } from '../../src/store/types';
import { hashPassword } from '../../src/staff/password';

export const STAFF_PASSWORD = 'correct horse battery';

export async function addStaff(store: StaffStore, name: string, password = STAFF_PASSWORD): Promise<void> {
  await store.createStaffAccount({
    name,
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: 1,
  });
}

/** A browser stand-in over real HTTP: keeps the cookies it is given and reads forms' CSRF tokens. */
export class StaffClient {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') }
          : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = decodeURIComponent(pair!.slice(eq + 1));
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, form: Record<string, string>) => this.request('POST', path, form);

  /** The CSRF token of the page at `path`. */
  async csrf(path = '/staff'): Promise<string> {
    const page = await (await this.get(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  async signIn(name: string, password = STAFF_PASSWORD): Promise<Response> {
    const token = await this.csrf('/staff/login');
    return this.post('/staff/login', { _csrf: token, name, password });
  }
}
