import type { ChannelInput, PersonInput } from '../slack-standin/workspace.js';

/** The people of the local sandbox (and of the end-to-end tests): two HR approvers, IT, and someone with no role. */
export const sandboxPeople = {
  harriet: {
    id: 'U0HARRIET1',
    name: 'harriet',
    realName: 'Harriet Okafor',
    title: 'HR approver',
    email: 'harriet@acme.example',
  },
  hugo: {
    id: 'U0HUGOHR01',
    name: 'hugo',
    realName: 'Hugo Brandt',
    title: 'HR approver',
    email: 'hugo@acme.example',
  },
  ivan: {
    id: 'U0IVANIT01',
    name: 'ivan',
    realName: 'Ivan Petrov',
    title: 'IT confirmer',
    email: 'ivan@acme.example',
  },
  nora: {
    id: 'U0NORA0001',
    name: 'nora',
    realName: 'Nora Quist',
    title: 'No offboarding role',
    email: 'nora@acme.example',
  },
} satisfies Record<string, PersonInput>;

/** HR approvers are a user group (resolved through usergroups.users.list); IT is named directly. */
export const sandboxRoles = {
  userGroups: { S0HRTEAM01: [sandboxPeople.harriet.id, sandboxPeople.hugo.id] },
  hrApprovers: ['S0HRTEAM01'],
  itConfirmers: [sandboxPeople.ivan.id],
};

export const sandboxChannel: ChannelInput = { id: 'C0OFFBOARD', name: 'offboarding', isPrivate: true };
