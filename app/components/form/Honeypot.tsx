/**
 * Invisible to people, tempting to bots: a filled-in honeypot (`website`) fails the public form's
 * schema with `validation:honeypot.filled`. Never echoed back (app/utils/form-data.ts).
 */
export function Honeypot() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="field-website">Website</label>
      <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
