"use client";

// Any page (or the dashboard's layout) that could not load: most often the database or Redis restarting, which passes
// within a minute, but a bug too. Production hides the error's text from the browser; the server has logged it with
// the digest shown here. "Try again" fetches
// the page again (retry re-renders the server components, not only this boundary).
export default function PageError({ retry, error }: { retry: () => void; error: Error & { digest?: string } }) {
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
      <div role="alert">
        <h1 className="text-xl font-semibold text-zinc-900">This page could not be loaded just now</h1>
        <p className="mt-3 text-sm text-zinc-700">
          Most often Noticeboard&apos;s database or queue is restarting, which passes within a minute. Notices are not
          lost: anything due is sent once they are back. Try again in a moment.
        </p>
        <p className="mt-3 text-sm text-zinc-700">
          If it keeps happening, tell your library systems team and give them the reference below.
        </p>
        {error.digest ? <p className="mt-3 text-xs text-zinc-500">Reference for the systems team: {error.digest}</p> : null}
      </div>
      <button type="button" onClick={() => retry()}
        className="mt-6 rounded-lg bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2">
        Try again
      </button>
    </main>
  );
}
