// Small schemas the feature command maps share.
import { z } from 'zod';

export const Empty = z.object({}).strict();
export const MessageId = z.number().int().positive();
