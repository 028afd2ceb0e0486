import Form from "next/form";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

// A GET form: the query lives in the URL, so a search can be bookmarked, reloaded and shared.
export function PatronSearchForm({ query }: { query: string }) {
  return (
    <Form action="/patrons" role="search" aria-label="Patrons" className="flex max-w-2xl items-start gap-2">
      <Field id="patron-q" label="Search patrons" className="flex-1"
        hint="Surname, first name, card number or email. A full card number opens the patron.">
        <input id="patron-q" name="q" type="search" defaultValue={query} autoComplete="off" maxLength={100}
          aria-describedby="patron-q-hint patron-q-error" className={inputClass} />
      </Field>
      <button type="submit" className={buttonClass("primary", "mt-6")}>Search</button>
    </Form>
  );
}
