import { Fragment, h, type FunctionalComponent } from '@stencil/core';
import { t } from '../../i18n/catalogue';
import { meAction } from '../../markup/action';

export interface StyledBodyProps {
  /** A message body as sent: XEP-0393 plain text, maybe a `/me` action. */
  body: string;
  /** Who a `/me` action is by; asked only for actions. */
  actor: () => string;
  /** `renderStyledBody` (remembered by the caller): sanitized HTML, or null to show the text as it is. */
  render: (text: string) => string | null;
}

/**
 * A body as it reads, the same in a message and in the composer's preview: the styled text, after
 * "* Alice" for an action. Styles for its pieces are in styled-body.css.
 */
export const StyledBody: FunctionalComponent<StyledBodyProps> = ({ body, actor, render }) => {
  const action = meAction(body);
  const text = action ?? body;
  const html = render(text);
  return (
    <Fragment>
      {action !== null && [
        <span part="action" class="action">
          {t('message.action', { name: actor() })}
        </span>,
        ' ',
      ]}
      {html !== null ? <span class="styled" innerHTML={html}></span> : <span class="styled">{text}</span>}
    </Fragment>
  );
};
