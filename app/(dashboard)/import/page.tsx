import type { Metadata } from "next";
import { CsvImport } from "@/components/import/csv-import";
import { staffForPage } from "@/lib/auth/require-staff";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await staffForPage("settings.manage");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Import</h1>
        <p className="text-sm text-zinc-600">
          Patrons, contacts, items, loans and reservations from CSV files. Records are matched by their key (card number,
          barcode, loan or reservation id): new ones are added, existing ones updated. A file is imported whole or not at all.
        </p>
      </div>
      <CsvImport />
    </div>
  );
}
