import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs (one object per line) for the worker and scripts; pipe through pino-pretty to read locally.
export const logger = pino({ level: env.LOG_LEVEL, base: { service: env.SERVICE_NAME } });
