import { AppError } from "@/lib/errors";
import { RESOURCES, type Resource } from "@/lib/api/schemas";

export function resourceParam(value: string): Resource {
  if (Object.hasOwn(RESOURCES, value)) return value as Resource;
  throw new AppError("NOT_FOUND", `No resource "${value}": one of ${Object.keys(RESOURCES).join(", ")}, events, notices.`);
}
