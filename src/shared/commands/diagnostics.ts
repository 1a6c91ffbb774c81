// Commands of diagnostics (Settings page): a zip of the logs, the settings without secrets and the app's state,
// to attach to a support request; message titles and previews only when the user asks for them.
import { z } from 'zod';

export const diagnosticsCommands = {
  'app.exportDiagnostics': {
    request: z.object({ includeMessages: z.boolean().optional() }).strict(),
    /** The zip as base64 (the contract carries JSON), with the file name to save it as. */
    response: z.object({ fileName: z.string(), base64: z.string() }),
  },
} as const;
