// npm run mail: the local mail catcher the demo sends to. Stores each message as an .eml file in MAIL_CATCHER_DIR.
import { env } from "../lib/env";
import { startMailCatcher } from "../lib/mail/catcher";
import { logger } from "../lib/logger";

const dir = env.MAIL_CATCHER_DIR ?? "var/mail";
const catcher = await startMailCatcher({ port: env.MAIL_CATCHER_PORT, dir });
logger.info({ port: catcher.port, dir }, "mail catcher listening on 127.0.0.1 (loopback only)");
const stop = async () => {
  await catcher.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
