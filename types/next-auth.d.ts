import type { StaffRole } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role: StaffRole;
  }
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; role: StaffRole };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    role?: StaffRole;
  }
}
