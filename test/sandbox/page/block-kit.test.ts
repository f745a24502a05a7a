import { describe, expect, test } from 'vitest';
import {
  escapeHtml,
  findElement,
  missingRequiredInputs,
  mrkdwnToHtml,
  renderBlocks,
  renderConfirmDialog,
  renderMessageContent,
  renderModal,
  textToHtml,
  viewStateValues,
} from '../../../src/sandbox/page/block-kit.js';

const people = [
  { id: 'U_HARRIET', name: 'Harriet', title: 'HR approver' },
  { id: 'U_IVAN', name: 'Ivan <IT>', title: 'IT confirmer' },
];
const channel = { id: 'C_OFFBOARD', name: 'offboarding' };
const ctx = { people, channel };

describe('mrkdwn', () => {
  test('a script tag in message text is shown as text, never as markup', () => {
    const html = mrkdwnToHtml('<script>alert(1)</script> and <img src=x onerror=alert(1)>', ctx);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;/script&gt;');
  });

  test('escaped entities from Slack show as the characters they stand for, escaped once', () => {
    expect(mrkdwnToHtml('a &lt;b&gt; &amp; "c"')).toBe('a &lt;b&gt; &amp; &quot;c&quot;');
  });

  test('bold, italic, strike and inline code are formatted only at word boundaries', () => {
    expect(mrkdwnToHtml('*Approved* by _HR_ ~late~ `id-1`')).toBe(
      '<strong>Approved</strong> by <em>HR</em> <del>late</del> <code>id-1</code>',
    );
    expect(mrkdwnToHtml('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });

  test('text inside inline code and code blocks is not formatted', () => {
    expect(mrkdwnToHtml('`*not bold*`')).toBe('<code>*not bold*</code>');
    expect(mrkdwnToHtml('before\n```\n*raw* <b>\n```\nafter')).toBe('before<pre>*raw* &lt;b&gt;</pre>after');
  });

  test('user mentions resolve to the person name, escaped, and unknown users fall back to the label or id', () => {
    expect(mrkdwnToHtml('<@U_HARRIET> approved', ctx)).toBe(
      '<span class="mention" data-user-id="U_HARRIET">@Harriet</span> approved',
    );
    expect(mrkdwnToHtml('<@U_IVAN>', ctx)).toContain('@Ivan &lt;IT&gt;');
    expect(mrkdwnToHtml('<@U_NOBODY|nora>', ctx)).toContain('@nora');
    expect(mrkdwnToHtml('<@U_NOBODY>', ctx)).toContain('@U_NOBODY');
  });

  test('a mention inside bold text stays a mention and the bold still applies', () => {
    expect(mrkdwnToHtml('*<@U_HARRIET>*', ctx)).toBe(
      '<strong><span class="mention" data-user-id="U_HARRIET">@Harriet</span></strong>',
    );
  });

  test('channel links show the channel name and dates show their fallback text', () => {
    expect(mrkdwnToHtml('<#C_OFFBOARD>', ctx)).toContain('#offboarding');
    expect(mrkdwnToHtml('<#C_OTHER|general>', ctx)).toContain('#general');
    expect(mrkdwnToHtml('due <!date^1796342400^{date_short}|Dec 4, 2026>')).toBe('due Dec 4, 2026');
    expect(mrkdwnToHtml('<!here> look')).toContain('@here');
  });

  test('links open safely in a new tab and javascript: links render as plain text', () => {
    expect(mrkdwnToHtml('<https://example.com/a?b=1&amp;c=2|the form>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the form</a>',
    );
    const unsafe = mrkdwnToHtml('<javascript:alert(1)|click me>');
    expect(unsafe).toBe('click me');
    expect(mrkdwnToHtml('see https://example.com/x.')).toContain(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">https://example.com/x</a>.',
    );
  });

  test('a link label cannot break out of the anchor', () => {
    const html = mrkdwnToHtml('<https://example.com|"><script>x</script>>');
    expect(html).not.toContain('<script');
  });

  test('quoted lines become a block quote and newlines become line breaks', () => {
    expect(mrkdwnToHtml('intro\n&gt; quoted one\n> quoted two\n• item')).toBe(
      'intro<blockquote>quoted one<br>quoted two</blockquote>• item',
    );
  });

  test('emoji short codes the page knows are shown as emoji', () => {
    expect(mrkdwnToHtml(':white_check_mark: done at 10:30:45')).toBe('✅ done at 10:30:45');
  });

  test('the private placeholder characters used while formatting cannot be injected', () => {
    expect(mrkdwnToHtml('\uE0000\uE001 <@U_HARRIET>', ctx)).not.toContain('\uE000');
  });

  test('plain text objects are escaped and not formatted', () => {
    expect(textToHtml({ type: 'plain_text', text: '*<b>hi</b>*' })).toBe('*&lt;b&gt;hi&lt;/b&gt;*');
  });
});

describe('blocks', () => {
  const card = [
    { type: 'header', text: { type: 'plain_text', text: 'Offboarding: Dana Reyes — last day 2026-12-04' } },
    {
      type: 'section',
      block_id: 'case',
      fields: [
        { type: 'mrkdwn', text: '*Employee*\nDana Reyes' },
        { type: 'mrkdwn', text: '*Requested by*\n<@U_HARRIET>' },
      ],
    },
    {
      type: 'actions',
      block_id: 'decision',
      elements: [
        {
          type: 'button',
          action_id: 'approve',
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
        },
        {
          type: 'button',
          action_id: 'reject',
          style: 'danger',
          text: { type: 'plain_text', text: 'Reject' },
        },
        { type: 'button', action_id: 'draft', text: { type: 'plain_text', text: 'Draft removal request' } },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Case `c-1` · <script>' }] },
    { type: 'divider' },
  ];

  test('fields render as two-column cells with their mrkdwn formatted and mentions resolved', () => {
    const html = renderBlocks(card, ctx);
    expect(html).toContain(
      '<div class="bk-fields"><div class="bk-field"><strong>Employee</strong><br>Dana Reyes</div>',
    );
    expect(html).toContain('@Harriet');
  });

  test('buttons carry their label, Slack style and the ids the page sends back on click', () => {
    const html = renderBlocks(card, ctx);
    expect(html).toContain('<div class="bk-block bk-actions" data-block-id="decision">');
    expect(html).toContain(
      '<button type="button" class="bk-button bk-button--primary" data-action-id="approve" data-element-type="button">Approve</button>',
    );
    expect(html).toContain('class="bk-button bk-button--danger" data-action-id="reject"');
    expect(html).toContain(
      'class="bk-button" data-action-id="draft" data-element-type="button">Draft removal request<',
    );
  });

  test('header, context and divider render and untrusted context text stays escaped', () => {
    const html = renderBlocks(card, ctx);
    expect(html).toContain('<h3 class="bk-header-text">Offboarding: Dana Reyes — last day 2026-12-04</h3>');
    expect(html).toContain('<span class="bk-context-text">Case <code>c-1</code> · &lt;script&gt;</span>');
    expect(html).toContain('<hr class="bk-divider-line">');
  });

  test('blocks without ids get positional ids that findElement resolves the same way', () => {
    const blocks = [
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] },
    ];
    const html = renderBlocks(blocks, ctx);
    expect(html).toContain('data-block-id="block-0"');
    expect(html).toContain('data-action-id="action-0"');
    expect(findElement(blocks, 'block-0', 'action-0')?.text.text).toBe('Go');
  });

  test('an overflow renders a labelled menu button and one menu item per option', () => {
    const html = renderBlocks(
      [
        {
          type: 'section',
          block_id: 'vendor:spring-health',
          text: { type: 'mrkdwn', text: '*Spring Health* — awaiting vendor confirmation' },
          accessory: {
            type: 'overflow',
            action_id: 'vendor_menu',
            options: [
              { text: { type: 'plain_text', text: 'Vendor confirmed removal' }, value: 'confirm' },
              { text: { type: 'plain_text', text: 'Draft <removal>' }, value: 'draft' },
            ],
          },
        },
      ],
      ctx,
    );
    expect(html).toContain('aria-haspopup="menu"');
    expect(html).toContain('aria-label="More actions"');
    expect(html).toContain(
      'role="menuitem" class="bk-menu-item" data-option-value="confirm">Vendor confirmed removal<',
    );
    expect(html).toContain('>Draft &lt;removal&gt;</button>');
  });

  test('an external image is shown as its alt text so the offline page makes no outside request', () => {
    const html = renderBlocks([
      { type: 'image', image_url: 'https://cdn.example.com/x.png', alt_text: 'chart' },
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('chart');
  });

  test('a message without blocks shows its mrkdwn text', () => {
    expect(renderMessageContent({ text: '*Done*', blocks: [] })).toContain('<strong>Done</strong>');
  });

  test('an unknown block type is named instead of dropped', () => {
    expect(renderBlocks([{ type: 'video' }])).toContain('Unsupported block: video');
  });

  test('rich text renders styled text, links, mentions and lists', () => {
    const html = renderBlocks(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Hi <b> ', style: { bold: true } },
                { type: 'user', user_id: 'U_HARRIET' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
            },
          ],
        },
      ],
      ctx,
    );
    expect(html).toContain('<strong>Hi &lt;b&gt; </strong><span class="mention">@Harriet</span>');
    expect(html).toContain('<ul><li>one</li></ul>');
  });
});

describe('modals', () => {
  const vendorOptions = [
    { text: { type: 'plain_text', text: 'Spring Health' }, value: 'spring-health' },
    { text: { type: 'plain_text', text: 'BetterUp' }, value: 'betterup' },
  ];
  const view = {
    type: 'modal',
    callback_id: 'confirm_removal',
    title: { type: 'plain_text', text: 'Confirm removal' },
    submit: { type: 'plain_text', text: 'Record confirmation' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reference',
        label: { type: 'plain_text', text: 'Vendor reference' },
        hint: { type: 'plain_text', text: 'Ticket or case number' },
        element: { type: 'plain_text_input', action_id: 'value', initial_value: 'SH-"1"' },
      },
      {
        type: 'input',
        block_id: 'confirmed_on',
        label: { type: 'plain_text', text: 'Confirmed on' },
        element: { type: 'datepicker', action_id: 'date' },
      },
      {
        type: 'input',
        block_id: 'vendors',
        optional: true,
        label: { type: 'plain_text', text: 'Vendors' },
        element: {
          type: 'checkboxes',
          action_id: 'pick',
          options: vendorOptions,
          initial_options: [vendorOptions[1]],
        },
      },
      {
        type: 'input',
        block_id: 'owner',
        label: { type: 'plain_text', text: 'Owner' },
        element: { type: 'users_select', action_id: 'user', initial_user: 'U_IVAN' },
      },
      {
        type: 'input',
        block_id: 'kind',
        optional: true,
        label: { type: 'plain_text', text: 'Kind' },
        element: { type: 'static_select', action_id: 'choice', options: vendorOptions },
      },
    ],
  };

  test('the modal is a dialog named by its title with its submit and close labels', () => {
    const html = renderModal({ viewId: 'V1', view, errors: {} }, ctx);
    expect(html).toContain('role="dialog" aria-modal="true" aria-label="Confirm removal" data-view-id="V1"');
    expect(html).toContain('data-modal-submit>Record confirmation</button>');
    expect(html).toContain('data-modal-close>Cancel</button>');
  });

  test('inputs are labelled, keep their initial values escaped, and show hints and optional marks', () => {
    const html = renderModal({ viewId: 'V1', view, errors: {} }, ctx);
    expect(html).toContain(
      '<label class="bk-label" id="modal-0-label" for="modal-0">Vendor reference</label>',
    );
    expect(html).toContain('id="modal-0" type="text" value="SH-&quot;1&quot;"');
    expect(html).toContain('Ticket or case number');
    expect(html).toContain('type="date"');
    expect(html).toContain('Vendors <span class="bk-optional">(optional)</span>');
    expect(html).toMatch(/value="betterup" checked>/);
    expect(html).toContain('<option value="U_IVAN" selected>Ivan &lt;IT&gt;</option>');
  });

  test('an error from the server shows under the input of its block and marks the control invalid', () => {
    const html = renderModal(
      { viewId: 'V1', view, errors: { confirmed_on: 'The date cannot be <future>' } },
      ctx,
    );
    expect(html).toContain('<p class="bk-error" id="modal-1-error">The date cannot be &lt;future&gt;</p>');
    expect(html).toMatch(/type="date"[^>]*aria-invalid="true"/);
    expect(html).toContain('<p class="bk-error" id="modal-0-error" hidden>');
  });

  test('submitted values have the exact shape of Slack view.state.values', () => {
    const raw: Record<string, string | string[]> = {
      'reference/value': 'SH-1',
      'confirmed_on/date': '2026-12-05',
      'vendors/pick': ['spring-health'],
      'owner/user': 'U_HARRIET',
      'kind/choice': '',
    };
    const values = viewStateValues(view.blocks, (blockId, actionId) => raw[`${blockId}/${actionId}`]);
    expect(values).toEqual({
      reference: { value: { type: 'plain_text_input', value: 'SH-1' } },
      confirmed_on: { date: { type: 'datepicker', selected_date: '2026-12-05' } },
      vendors: { pick: { type: 'checkboxes', selected_options: [vendorOptions[0]] } },
      owner: { user: { type: 'users_select', selected_user: 'U_HARRIET' } },
      kind: { choice: { type: 'static_select', selected_option: null } },
    });
  });

  test('empty required inputs are reported before submission and empty optional ones are not', () => {
    const values = viewStateValues(view.blocks, () => '');
    expect(missingRequiredInputs(view.blocks, values)).toEqual(['reference', 'confirmed_on', 'owner']);
  });

  test('a confirmation dialog is an alert dialog with its own confirm and deny labels', () => {
    const html = renderConfirmDialog({
      title: { type: 'plain_text', text: 'Reject case?' },
      text: { type: 'mrkdwn', text: 'This *cannot* be undone' },
      confirm: { type: 'plain_text', text: 'Reject' },
      deny: { type: 'plain_text', text: 'Keep' },
      style: 'danger',
    });
    expect(html).toContain('role="alertdialog" aria-modal="true" aria-label="Reject case?"');
    expect(html).toContain('<strong>cannot</strong>');
    expect(html).toContain('bk-button--danger" data-confirm="yes">Reject</button>');
  });

  test('escapeHtml escapes quotes so attribute values cannot be closed early', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
