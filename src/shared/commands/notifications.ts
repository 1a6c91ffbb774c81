// Commands about notifications as a whole (pause and resume).
import { z } from 'zod';

export const notificationCommands = {
  'notifications.setPaused': {
    request: z
      .object({
        paused: z.boolean(),
        /** Pause for this long only; without it a pause lasts until it is turned off. */
        minutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
      })
      .strict(),
    response: z.object({ paused: z.boolean(), pausedUntil: z.number().int().optional() }),
  },
} as const;
