import { z } from 'zod';
import { NOTICE_TOPIC } from '../../flows';

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const textMessage = z
  .object({
    type: z.literal('text'),
    text: z.string().min(1).max(5000, 'LINE allows at most 5,000 characters'),
  })
  .strict();

const flexMessage = z
  .object({
    type: z.literal('flex'),
    altText: z.string().min(1).max(1500, 'LINE allows at most 1,500 characters of altText'),
    contents: z.union([
      z
        .object({ type: z.literal('bubble') })
        .passthrough()
        .refine((b) => bytes(b) <= 30 * 1024, 'a bubble is at most 30 KB'),
      z
        .object({
          type: z.literal('carousel'),
          contents: z
            .array(z.object({ type: z.literal('bubble') }).passthrough())
            .min(1)
            .max(12),
        })
        .passthrough()
        .refine((c) => bytes(c) <= 50 * 1024, 'a carousel is at most 50 KB'),
    ]),
  })
  .strict();

export const noticeRequestSchema = z
  .object({
    messages: z
      .array(z.discriminatedUnion('type', [textMessage, flexMessage]))
      .min(1)
      .max(5, 'LINE sends at most 5 messages at once'),
    audience: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('all') }).strict(),
      z.object({ kind: z.literal('topic'), topic: z.literal(NOTICE_TOPIC) }).strict(),
    ]),
    sendAt: z
      .string()
      .regex(isoWithOffset, 'an ISO 8601 time with an offset, such as 2023-05-25T09:00:00+09:00')
      .refine((v) => !Number.isNaN(Date.parse(v)), 'a real date')
      .optional(),
    sender: z.string().trim().min(1, 'the name of the staff member sending it (for the audit)').max(100),
    dryRun: z.boolean().optional(),
  })
  .strict();

export type NoticeRequest = z.infer<typeof noticeRequestSchema>;
