import type { z } from 'zod';

/** One line per problem, naming the field: what the HTTP APIs answer with a 400. */
export const describeIssues = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
