import type { Request, Response } from 'express';

export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * httpOnly and SameSite=Strict always; Secure when the request came over https (`req.secure`, which believes
 * X-Forwarded-Proto only when TRUST_PROXY says the proxy in front may be believed).
 */
export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/staff',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(req.secure ? ['Secure'] : []),
  ];
  res.append('Set-Cookie', attributes.join('; '));
}

export const clearCookie = (req: Request, res: Response, name: string) => setCookie(req, res, name, '', 0);
