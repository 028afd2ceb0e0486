import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { chooseLanguage } from "@/lib/templates/labels";
import { FAMILY_LABELS, placeholderPaths } from "@/lib/templates/placeholders";
import { getTemplate } from "@/lib/templates/queries";

export const metadata: Metadata = { title: "Edit template" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForPage("dashboard.view");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id)) notFound();
  const template = await getTemplate(prisma, id).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 }, select: { defaultLanguage: true } });
  return (
    <div className="space-y-4">
      <div>
        <Link href="/templates" className="text-sm text-blue-800 hover:underline">← Templates</Link>
        <h1 className="text-2xl font-semibold">{template.name}</h1>
        <p className="text-sm text-zinc-600">
          {FAMILY_LABELS[template.family]} · used by{" "}
          {template.usedBy.length === 0 ? "no scenario yet" : template.usedBy.map((u) => `${u.scenario} (level ${u.level}${u.isEnabled ? "" : ", off"})`).join(", ")}
        </p>
      </div>
      <TemplateEditor
        templateId={template.id}
        current={template.current}
        history={template.history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() }))}
        libraryLanguage={chooseLanguage(Object.keys(template.current), null, settings?.defaultLanguage ?? "en")}
        placeholders={placeholderPaths(template.family)}
        canEdit={can(staff.role, "templates.manage")}
      />
    </div>
  );
}
