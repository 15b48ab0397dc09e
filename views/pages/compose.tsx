import { BackLink } from '../components/back-link.tsx';
import { Button } from '../components/button.tsx';
import { ErrorSummary, errorFor, withErrorTitle } from '../components/error-summary.tsx';
import { chartPathOf } from '../chart-path.ts';
import { FieldLabel, fieldDescribedBy } from '../components/text-field.tsx';
import { Layout } from '../layout.tsx';
import type { FormError, PageChrome } from '../models.ts';

export interface ComposeModel {
  // Null for a new conversation, or the thread of a reply, whose subject and care team are fixed.
  thread: { id: string; subject: string; careTeam: string } | null;
  // The patient's care teams; the choice is shown only when there are several.
  careTeams: { id: string; name: string }[];
  subject: string;
  careTeamId: string;
  body: string;
  // When the draft shown was last saved, or null when nothing is saved.
  draftSavedAt: string | null;
  // The draft shown was kept from a form sent after the session timed out.
  draftKeptAfterTimeout: boolean;
  errors: FormError[];
}

/**
 * Renders the form for a message to the care team: a new conversation or a reply. The form is a plain POST.
 * Where JavaScript runs, htmx saves the text as a draft two seconds after it stops changing. "Save
 * draft" does the same without JavaScript, and a send or save that arrives after the session
 * timed out is kept as a draft too, shown here with a notice after signing in again.
 */
export function ComposePage({ chrome, model }: { chrome: PageChrome; model: ComposeModel }) {
  const messagesPath = `${chartPathOf(chrome)}/messages`;
  const action = model.thread ? `${messagesPath}/${model.thread.id}/reply` : `${messagesPath}/new`;
  // Autosave posts every field of the form (htmx adds the enclosing form's values to a POST from
  // an element inside it), so the draft always matches what is on screen.
  const autosave = {
    'hx-post': `${messagesPath}/draft`,
    // input, not keyup: pasted, dictated and autofilled text fires no key event.
    'hx-trigger': 'input changed delay:2s',
    'hx-target': '#draft-status',
    'hx-swap': 'innerHTML',
  };
  const bodyField = { name: 'body', label: 'Your message', error: errorFor(model.errors, 'body') };

  return (
    <Layout chrome={withErrorTitle(chrome, model.errors)}>
      <BackLink href={model.thread ? `${messagesPath}/${model.thread.id}` : messagesPath}>
        Back to messages
      </BackLink>
      <h1>{model.thread ? `Reply: ${model.thread.subject}` : 'Write a message'}</h1>
      <ErrorSummary errors={model.errors} />
      {model.draftKeptAfterTimeout && (
        <p class="card" role="status">
          We saved what you were writing when you were signed out. Check it, then send it.
        </p>
      )}
      <p>Messages are for questions that are not urgent. In an emergency, call 911.</p>
      {model.thread && <p class="muted">To {model.thread.careTeam}</p>}
      <form method="post" action={action} novalidate>
        {model.thread && <input type="hidden" name="thread" value={model.thread.id} />}
        {!model.thread && model.careTeams.length > 1 && (
          <CareTeamChoice model={model} error={errorFor(model.errors, 'care-team')} />
        )}
        {!model.thread && model.careTeams.length === 1 && (
          <input type="hidden" name="care-team" value={model.careTeams[0]!.id} />
        )}
        {!model.thread && <SubjectField model={model} autosave={autosave} />}
        <div class={bodyField.error ? 'field field-error' : 'field'}>
          <FieldLabel {...bodyField} />
          <textarea
            id="body"
            name="body"
            rows={8}
            aria-describedby={fieldDescribedBy(bodyField)}
            aria-invalid={bodyField.error ? 'true' : undefined}
            {...autosave}
          >
            {model.body}
          </textarea>
        </div>
        <p id="draft-status" class="muted" role="status">
          {model.draftSavedAt ? 'Your draft is saved.' : ''}
        </p>
        <Button>Send message</Button>{' '}
        <button type="submit" class="button-link" formaction={`${messagesPath}/draft`}>
          Save draft
        </button>
      </form>
    </Layout>
  );
}

function CareTeamChoice({ model, error }: { model: ComposeModel; error: string | undefined }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset id="care-team" aria-describedby={error ? 'care-team-error' : undefined}>
        <legend>Who is your message for?</legend>
        {error && (
          <p id="care-team-error" class="field-message">
            <span class="visually-hidden">Error:</span> {error}
          </p>
        )}
        {model.careTeams.map((team) => (
          <div class="choice">
            <input
              id={`care-team-${team.id}`}
              type="radio"
              name="care-team"
              value={team.id}
              checked={model.careTeamId === team.id}
            />
            <label for={`care-team-${team.id}`}>{team.name}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

// Like TextField, with the autosave attributes on the input itself: htmx's "changed" modifier
// compares the value of the element that carries the trigger.
function SubjectField({
  model,
  autosave,
}: {
  model: ComposeModel;
  autosave: Record<string, string>;
}) {
  const field = {
    name: 'subject',
    label: 'Subject',
    hint: 'A few words, for example Question about my blood test',
    error: errorFor(model.errors, 'subject'),
  };

  return (
    <div class={field.error ? 'field field-error' : 'field'}>
      <FieldLabel {...field} />
      <input
        id="subject"
        name="subject"
        type="text"
        value={model.subject}
        autocomplete="off"
        aria-describedby={fieldDescribedBy(field)}
        aria-invalid={field.error ? 'true' : undefined}
        {...autosave}
      />
    </div>
  );
}
