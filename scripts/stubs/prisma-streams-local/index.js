// Loaded only by `prisma dev` (a local Prisma Postgres server), which Noticeboard does not use.
throw new Error(
  "@prisma/streams-local is replaced by a stub in Noticeboard (package.json overrides): it needs Node 22 and only " +
    "`prisma dev` uses it. Use a PostgreSQL server instead (README, Quick start).",
);
