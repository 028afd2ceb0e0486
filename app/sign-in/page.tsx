import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentStaff } from "@/lib/auth/require-staff";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentStaff()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an absolute callback URL could send a signed-in user elsewhere.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-blue-900">Noticeboard</h1>
        <p className="mt-1 text-sm text-zinc-600">Sign in with your staff account.</p>
        <SignInForm callbackUrl={next} />
      </div>
    </main>
  );
}
