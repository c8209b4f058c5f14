/**
 * Privacy requests in English: the owner's rights, receipts and timelines, download and
 * deletion, the public request page, and the clinic's staff console. A lazy catalog of its own,
 * loaded with those screens (see loadRequestsMessages()). `{name}` marks a value filled in by
 * the caller; the types make callers pass each one.
 */
export const requestsEn = {
  'rqType.access': 'Access',
  'rqType.portability': 'Portability',
  'rqType.rectification': 'Correction',
  'rqType.erasure': 'Deletion',
  'rqType.restriction': 'Restriction',
  'rqType.objection': 'Objection',
  // Mid-sentence ("Your access request wasn’t sent"): lower case.
  'rqTypeInline.access': 'access',
  'rqTypeInline.portability': 'portability',
  'rqTypeInline.rectification': 'correction',
  'rqTypeInline.erasure': 'deletion',
  'rqTypeInline.restriction': 'restriction',
  'rqTypeInline.objection': 'objection',
  'rqTypeInline.unknown': 'privacy',
  // A whole noun phrase, for a heading or the start of a sentence.
  'rqTitle.access': 'Access request',
  'rqTitle.portability': 'Portability request',
  'rqTitle.rectification': 'Correction request',
  'rqTitle.erasure': 'Deletion request',
  'rqTitle.restriction': 'Restriction request',
  'rqTitle.objection': 'Objection request',
  'rqTitle.unknown': 'Privacy request',

  'rqStatus.received': 'Received',
  'rqStatus.verified': 'Verified',
  'rqStatus.in-progress': 'In progress',
  'rqStatus.extended': 'Extended',
  'rqStatus.completed': 'Completed',
  'rqStatus.denied': 'Denied',

  'verification.verified': 'Identity verified',
  'verification.awaiting-code': 'Waiting for the code sent to the person',
  'verification.awaiting-owner': 'Waiting for the owner to confirm',
  'verification.awaiting-staff': 'Staff must verify the person',

  'regime.gdpr': 'GDPR (EU data protection law)',
  'regime.ccpa': 'CCPA (California privacy law)',
  'regime.gdpr+ccpa': 'GDPR and CCPA: the earlier deadline applies',

  'rqError.accessLimit':
    'You’ve used both access requests allowed in 12 months. The next one is possible from {date}.',
  'rqError.stepUpRequired': 'For your safety, confirm it is you with a fresh code first.',
  'rqError.stepUpExpired': 'The confirmation has expired. Ask for a new code.',
  'rqError.invalidCode': 'That code isn’t right. Check the latest email and try again.',
  'rqError.tooManyAttempts': 'Too many wrong codes: this code no longer works. Ask for a new one.',
  'rqError.forbidden': 'You can’t see or change this.',
  'rqError.staffOnly': 'Only this clinic’s staff can do this.',
  'rqError.ownersOnly': 'This is for pet owners. Staff answer requests in the clinic console.',
  'rqError.notFound': 'This request doesn’t exist, or it isn’t yours.',
  'rqError.invalidTransition': 'This request can’t move to that step from where it is now.',
  'rqError.extensionNotAllowed':
    'This request can’t be extended: it was extended already, or its first period has ended.',
  'rqError.correctionsRequired':
    'Say which detail is wrong, what it says now and what it should say.',
  'rqError.correctionsNotAllowed': 'Corrections belong to a correction request.',
  'rqError.invalidCorrection':
    'The corrected value isn’t valid. A phone number looks like +1 555 010 0123.',
  'rqError.nothingToConfirm': 'This request doesn’t wait for your confirmation any more.',
  'rqError.invalidRequest': 'Something in the form isn’t valid. Check it and try again.',

  'rights.title': 'Your privacy rights',
  'rights.intro':
    'You can ask {clinic} for any of these. The law gives the clinic a deadline to answer, counted from the day it receives your request, and you can follow each request here.',
  'rights.requestsLink': 'Your requests and their deadlines',
  'rights.downloadLink': 'Download my data now',
  'rights.deleteLink': 'Delete my account',
  'rights.access.name': 'See what the clinic holds about you',
  'rights.access.about':
    'The clinic confirms what it holds about you and your pets, gives you a copy, and explains how it uses it.',
  'rights.portability.name': 'Take your data elsewhere',
  'rights.portability.about':
    'A copy in a file other programs can read (JSON), with a readable version. You can also download it yourself at once.',
  'rights.rectification.name': 'Correct something that is wrong',
  'rights.rectification.about':
    'For what you can’t change yourself. Your name, phone and pets you can edit on your account page.',
  'rights.erasure.name': 'Delete your data',
  'rights.erasure.about':
    'Your account is closed and your personal data deleted. A record of the request, without your name, is kept for 24 months, as the law requires.',
  'rights.restriction.name': 'Limit how your data is used',
  'rights.restriction.about':
    'For example while something you disputed is checked. Until it is lifted, the clinic sends you only service messages.',
  'rights.objection.name': 'Object to direct marketing',
  'rights.objection.about':
    'Every marketing message is switched off, on every channel, at once. This is always granted.',
  'rights.ask': 'Ask: {right}',
  'rights.formTitle': 'Your request: {right}',
  'rights.details': 'Anything the clinic should know (optional)',
  'rights.field': 'What is wrong',
  'rights.fieldHint': 'For example: your postal address, or Biscuit’s birth date.',
  'rights.current': 'What it says now',
  'rights.corrected': 'What it should say',
  'rights.rectificationMissing': 'Say what is wrong and what it should say.',
  'rights.submit': 'Send the request',
  'rights.sending': 'Sending…',
  'rights.complaint':
    'If you think the clinic has not respected your rights, you can complain to a data protection authority.',

  'allowance.used': '{used} of {limit} access requests used in the last 12 months.',
  'allowance.next': 'The next free one from {date}.',

  'queued.title': 'Queued on this phone, not yet received by the clinic',
  'queued.body':
    '{title}. It will be sent when you’re online; the clinic’s deadline starts when it receives it.',
  'queued.sending': '{title}: sending to the clinic…',
  'queued.failed': 'Your {type} request wasn’t sent.',
  'queued.dismiss': 'Dismiss',

  'receipt.title': 'Receipt',
  'receipt.filed': 'The clinic received your request. Here is your receipt.',
  'receipt.reference': 'Reference',
  'receipt.type': 'Type',
  'receipt.status': 'Status',
  'receipt.receivedAt': 'Received',
  'receipt.regime': 'Law',
  'receipt.acknowledgeBy': 'Clinic confirms receipt by',
  'receipt.dueAt': 'Answer due',
  'receipt.extendedDueAt': 'Extended to',
  'receipt.endOfDay': 'end of {date}',
  'receipt.timeZone': 'Dates are the clinic’s calendar days ({zone}).',
  'receipt.next.access':
    'Next: the clinic checks the request and sends you a copy of your data, with how it is used.',
  'receipt.next.portability':
    'Next: the clinic prepares your data as a file you can take elsewhere. You’ll find it here.',
  'receipt.next.rectification':
    'Next: the clinic checks the correction and tells you when it is made, or why not.',
  'receipt.next.erasure':
    'Next: the clinic deletes your data unless the law requires keeping something, and tells you. Until then your account works as before.',
  'receipt.next.restriction':
    'Next: from now on the clinic sends you only service messages while it reviews your request.',
  'receipt.next.objection':
    'Next: every marketing message was switched off, on every channel. The clinic confirms when it has reviewed the request.',
  'receipt.open': 'See the request',

  'countdown.daysLeft': '{count} days left',
  'countdown.oneDay': '1 day left',
  'countdown.today': 'Due today',
  'countdown.overdue': 'Overdue by {count} days',
  'countdown.overdueOne': 'Overdue by 1 day',
  'countdown.closed': 'Answered',

  'requests.title': 'Your requests',
  'requests.intro': 'Every request you made, with where it stands and when it is due.',
  'requests.empty': 'You haven’t made any requests yet.',
  'requests.back': 'Your privacy rights',
  'requests.item': '{type} · {reference}',
  'requests.due': 'Due {date}',

  'request.heading': 'Your request',
  'request.back': 'Your requests',
  'request.timeline': 'What has happened',
  'request.download': 'Download the copy of your data',
  'request.downloadHint': 'The clinic attached your data. You’ll be asked for a fresh code first.',
  'request.complaint':
    'You have the right to complain to a data protection authority (supervisory authority) and to go to court.',
  'request.confirmTitle': 'Someone asked on your behalf',
  'request.confirmBody':
    'An authorized agent made this request for you. The clinic acts on it only once you confirm it.',
  'request.confirm': 'Yes, I asked them to',
  'request.confirmed': 'You confirmed the request. The clinic will now act on it.',
  'request.details': 'What you wrote',
  'request.correction': '{field}: “{current}” → “{corrected}”',

  'event.received': 'Received by the clinic',
  'event.verified': 'Identity verified',
  'event.in-progress': 'In progress',
  'event.extended': 'Deadline extended',
  'event.completed': 'Completed',
  'event.denied': 'Denied',
  'event.owner-confirmed': 'Confirmed by the owner',
  'event.code-sent': 'Verification code sent',
  'event.reason': 'Reason: {reason}',
  'event.note': 'Note: {note}',
  'event.extendedTo': 'New due date: end of {date}.',
  'actor.owner': 'you',
  'actor.person': 'the requester',
  'actor.agent': 'an authorized agent',
  'actor.staff': 'clinic staff',
  'event.meta': '{datetime}, by {actor}',
  'event.metaSystem': '{datetime}, automatically',

  'stepUp.title': 'Confirm it is you',
  'stepUp.why':
    'This is sensitive, so we email a fresh code to {email}, even though you’re signed in.',
  'stepUp.send': 'Email me a code',
  'stepUp.sending': 'Sending…',
  'stepUp.sent': 'A code is on its way to {email}. It works for 10 minutes.',
  'stepUp.codeLabel': '6-digit code',
  'stepUp.codeInvalid': 'The code is the 6 digits from the email.',
  'stepUp.confirm': 'Confirm',
  'stepUp.checking': 'Checking…',
  'stepUp.resend': 'Send a new code',

  'download.title': 'Download my data',
  'download.intro':
    'Everything {clinic} holds about you, in one file: your profile, pets, message choices and their history, requests, devices, updates you received and sign-ins.',
  'download.format':
    'The file is a readable page you can open in any browser, with the same data as JSON (documented, with a schema version) for other programs.',
  'download.start': 'Download my data',
  'download.again': 'Download again',
  'download.progressLabel': 'Download progress',
  'download.progress': 'Downloaded {received} of {total} ({percent}%)',
  'download.progressUnknown': 'Downloaded {received}',
  'download.progressItems': 'Downloaded {received} · {items} records in all',
  'download.cancel': 'Stop',
  'download.done': 'Saved {name} ({size}). Look in your downloads.',
  'download.back': 'Your privacy rights',

  'delete.title': 'Delete my account',
  'delete.intro': 'Deleting your account is a request to {clinic}. Here is what happens.',
  'delete.step1': 'Your request gets a receipt and a deadline, like any privacy request.',
  'delete.step2':
    'The clinic’s staff complete it, unless the law requires keeping something (for example medical records for a while). They tell you either way.',
  'delete.step3':
    'Then your name, contact details, pets, message choices, devices and sessions are deleted or anonymised, and you can no longer sign in.',
  'delete.step4':
    'A record of the request itself (what was asked, when and how it was answered) is kept for 24 months without your name, as the law requires.',
  'delete.step5': 'Until then your account works as before.',
  'delete.downloadFirst': 'You may want to {link} first.',
  'delete.downloadFirstLink': 'download your data',
  'delete.details': 'Anything the clinic should know (optional)',
  'delete.submit': 'Delete my account',
  'delete.filed': 'Your deletion request was received.',

  'pub.title': 'Make a privacy request',
  'pub.intro':
    'You don’t need an account. {clinic} checks who you are by sending a code to an email address or phone number it already holds for you.',
  'pub.signedInHint': 'Have an account? {link} to make the request there.',
  'pub.signInLink': 'Sign in',
  'pub.whoLabel': 'Who is asking?',
  'pub.self': 'I am asking for myself',
  'pub.agent': 'I am an authorized agent, asking for someone else',
  'pub.type': 'What are you asking for?',
  'pub.name': 'Full name of the person the request is about',
  'pub.contact': 'Email or mobile phone the clinic has for them',
  'pub.contactHint': 'The code is sent there, never to an address you type in for the first time.',
  'pub.contactInvalid': 'Enter an email address, or a phone number with its country code.',
  'pub.nameMissing': 'Enter the person’s name.',
  'pub.agentName': 'Your name (the agent)',
  'pub.agentEmail': 'Your email address',
  'pub.agentPermission': 'The person’s signed permission',
  'pub.agentPermissionHint':
    'Say when and how the person signed their permission for you to act for them (for example, “Signed form dated 2 Nov 2026, attached to my email”). A power of attorney is not required.',
  'pub.agentMissing':
    'An agent gives their name and email, and confirms they have signed permission.',
  'pub.details': 'Details (optional)',
  'pub.submit': 'Send the request',
  'pub.codeTitle': 'Enter the code',
  'pub.codeSent':
    'If the clinic holds this contact, a code is on its way to it. It works for 10 minutes.',
  'pub.codeLabel': '6-digit code',
  'pub.confirm': 'Confirm the request',
  'pub.agentWaiting':
    'The request is verified. Because an agent made it, the clinic waits until the person confirms it directly, in the app or with a code.',
  'pub.start': 'Make another request',
  'pub.agentFiled':
    'The request was sent. The clinic asks the person to confirm it, at the contact it holds for them; nothing happens until they do, in the app or with the code sent to them.',
  'requests.awaitingYou': 'Waiting for your confirmation',
  'pub.reference': 'Reference: {reference}',
  'pub.codeResent': 'If this request waits for a code, a new one is on its way.',
  'pub.verified':
    'Thank you: the request is verified. The clinic’s deadline runs from when it received it.',

  'con.title': 'Privacy requests',
  'con.intro': 'Open requests of {clinic}, the one due soonest first.',
  'con.refusedTitle': 'For clinic staff only',
  'con.refusedBody':
    'This console is for the staff of {clinic}. If you work there, sign in with your clinic email address.',
  'con.refusedAccount': 'Go to your account',
  'con.filters': 'Filter requests',
  'con.filterType': 'Type',
  'con.filterStatus': 'Status',
  'con.allTypes': 'All types',
  'con.openStatuses': 'All open',
  'con.allStatuses': 'All, closed too',
  'con.count': 'Requests shown: {count}',
  'con.empty': 'No requests match.',
  'con.requester': 'From',
  'con.due': 'Due {date}',
  'con.overdueTag': 'Overdue',
  'con.updatesLink': 'Send an update to owners',
  'con.back': 'All requests',
  'con.detailTitle': '{title} {reference}',
  'con.requestTitle': 'Privacy request',
  'con.timeline': 'Timeline',
  'con.actions': 'Answer the request',
  'con.verify': 'Mark as verified',
  'con.verifyHint': 'Only once you have checked who is asking, by means other than the code.',
  'con.extend': 'Extend the deadline',
  'con.extendHint':
    'Once, inside the first period: GDPR by 2 months, CCPA by 45 days. The reason is sent to the owner.',
  'con.extendReason': 'Reason for the extension (sent to the owner)',
  'con.extendUnavailable': 'Extension: not possible any more (once only, inside the first period).',
  'con.complete': 'Complete the request',
  'con.completeNote': 'Note to the owner (optional)',
  'con.completeExport':
    'The owner’s data export is generated and attached automatically when you complete it.',
  'con.deny': 'Deny the request',
  'con.denyReason': 'Reason for denying (sent to the owner)',
  'con.denyStatement': 'This statement is sent with your reason:',
  'con.reasonMissing': 'Write the reason: the owner is told.',
  'con.saving': 'Saving…',
  'con.done.verify': 'Verified.',
  'con.done.extend': 'Extended to {date}. The owner is told why.',
  'con.done.complete': 'Completed. The owner is told.',
  'con.done.deny': 'Denied. The owner is told why, and of their right to complain.',
  'con.closed': 'This request is closed.',
  'con.requestDetails': 'What was asked',
  'con.correction': '{field}: “{current}” → “{corrected}”',
  'con.by': '{name}, {datetime}',
  'con.system': 'pawtal',
  'con.owner': 'Owner',
  'con.agent': 'Authorized agent',
  'con.requesterAccount': 'Owner with an account',
  'con.requesterPublic': 'Person without an account',
  'con.pseudonymised': 'Identity removed (the record is kept pseudonymised)',
  'con.verification': 'Identity',
  'con.verifyNote': 'How you verified them (optional)',
  'con.start': 'Mark in progress',
  'con.done.start': 'Marked in progress.',
  'con.extendBy': 'Extension possible until',
  'con.extendDone': 'Extension: used (once only).',
  'con.error.closed': 'This request is closed already.',
  'con.error.alreadyVerified': 'This request is verified already.',
  'con.error.ownerConfirmation':
    'An authorized agent filed this request: the owner must confirm it directly, in the app or with the code sent to them.',
  'con.error.alreadyExtended': 'This request was extended already: the law allows it once.',
  'con.error.extensionTooLate':
    'Too late to extend: an extension must be decided and told to the owner inside the first period.',
  'con.error.notVerified': 'Verify the requester’s identity before completing the request.',
} as const;

export type RequestsEnglishMessages = typeof requestsEn;
