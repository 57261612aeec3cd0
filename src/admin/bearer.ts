import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';
import type { FailedAttempts } from './attempts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: the digests have one length whatever was sent, so timing tells nothing about the token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(sent), digest(token));
}

/**
 * Lets a request through only with `Authorization: Bearer <token>`. Wrong or missing tokens count against the
 * client's address; past the limit it gets 429 with Retry-After, even with the right token, until the window
 * ends.
 */
export function requireBearer(o: {
  token: string;
  /** Named in the 401, so that whoever calls knows which token is meant. */
  tokenName: string;
  attempts: FailedAttempts;
  logger: Logger;
}): RequestHandler {
  return (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const waitSeconds = o.attempts.retryAfterSeconds(address);
    if (waitSeconds > 0) {
      res
        .status(429)
        .set('Retry-After', String(waitSeconds))
        .json({ message: `too many failed attempts from this address: try again in ${waitSeconds} s` });
      return;
    }
    if (!bearerMatches(req.get('authorization'), o.token)) {
      o.attempts.recordFailure(address);
      o.logger.warn({ path: req.path }, 'refused: missing or wrong bearer token');
      res.status(401).json({ message: `Authorization: Bearer <${o.tokenName}> required` });
      return;
    }
    next();
  };
}
