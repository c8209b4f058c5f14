/**
 * English for the Updates inbox, the Devices list, the clinic's "send an update" screen, the
 * push banner's steps after Enable, and the preferences' push column. Loaded with those (lazy)
 * parts; see loadUpdatesMessages(). (The banner's first words are in the shell's en.ts.)
 */
export const updatesEn = {
  'push.unsupported':
    'This browser can’t receive push notifications. Everything the clinic sends still appears in {updates}.',
  'push.iosTab':
    'On iPhone and iPad, notifications work only in the app added to the Home Screen (iOS 16.4 or later). In Safari, tap Share, then “Add to Home Screen” (as “Add to homescreen” explains), open the app from the Home Screen, and tap Enable there.',
  'push.denied': 'Notifications are blocked for this app on this device. To allow them, {steps}',
  'push.steps.android':
    'open Chrome’s menu ⋮ → Settings → Site settings → Notifications and allow this site. For the installed app: phone Settings → Apps → {clinic} → Notifications.',
  'push.steps.ios':
    'open the iPhone’s Settings → Notifications → {clinic} and turn on Allow Notifications.',
  'push.steps.firefox':
    'tap the icon left of the address, remove the blocked Notifications permission, and reload.',
  'push.steps.safari': 'open Safari → Settings → Websites → Notifications and allow this site.',
  'push.steps.other':
    'tap the icon left of the address → Site settings → Notifications → Allow, then reload.',
  'push.lost':
    'Notifications from {clinic} were turned off outside the app (in the browser or phone settings), so this device no longer gets them. We’ve let the clinic know.',
  'push.on':
    'This device will get notifications from {clinic}. Everything sent also appears in {updates}.',
  'push.chooseLegend': 'Which notifications would you like?',
  'push.chooseNews': 'Clinic news',
  'push.chooseNewsHint': 'Closures, opening hours and news from the clinic.',
  'push.chooseMarketing': 'Offers and newsletter (marketing)',
  'push.chooseMarketingHint': 'Only if you tick it. Each one has an “Unsubscribe” button.',
  'push.chooseSubmit': 'Turn on notifications',
  'push.chooseNone': 'Choose at least one kind of notification.',
  'push.subscribing': 'Turning on notifications…',
  'push.errorNoWorker': 'The app isn’t ready for notifications yet. Reload the page and try again.',
  'push.errorNetwork':
    'You’re offline, so notifications couldn’t be turned on. Try again when connected.',
  'push.notSubscribed':
    'Notifications are allowed, but this device isn’t signed up for them: tap Enable in the “Push notifications” banner to get them here.',
  'push.notSubscribedShort': 'Not turned on on this device',
  'push.errorFailed': 'Notifications couldn’t be turned on. Please try again in a moment.',

  'updates.title': 'Updates',
  'updates.intro':
    'News that {clinic} sent you. New updates also come as notifications when they’re on.',
  'updates.introVisitor':
    'News from {clinic} that reached this device by notification. Sign in to see every update sent to your account.',
  'updates.empty': 'Nothing here yet. Updates from the clinic will appear here.',
  'updates.sentAt': 'Sent {datetime}',
  'updates.open': 'Open: {title}',
  'updates.savedOnPhone':
    'You’re offline or the server can’t be reached: these are the updates saved on this device.',
  'updates.signIn': 'Sign in to see all your updates',
  'updates.devicesLink': 'Devices that get notifications',
  'updates.category.service': 'Service',
  'updates.category.reminders': 'Reminder',
  'updates.category.clinic-news': 'Clinic news',
  'updates.category.marketing': 'Marketing',
  'updates.category.surveys': 'Survey',
  'updates.category.partner-offers': 'Partner offer',

  'devices.push.title': 'Devices that get notifications',
  'devices.push.intro':
    'Each phone or browser where you turned on {clinic}’s notifications. Removing one stops notifications there.',
  'devices.push.empty': 'No device gets notifications yet.',
  'devices.push.thisDevice': 'This device',
  'devices.push.via': 'via {service}',
  'devices.push.added': 'Added {datetime}',
  'devices.push.lastDelivered': 'Last notification {datetime}',
  'devices.push.never': 'No notification yet',
  'devices.push.remove': 'Remove',
  'devices.push.removeLabel': 'Remove {device}',
  'devices.push.removed': '{device} was removed and gets no more notifications.',
  'devices.push.test': 'Send me a test notification',
  'devices.push.testSent': 'A test notification is on its way to {device}.',
  'devices.push.testOther': 'Send a test',
  'devices.push.testLabel': 'Send a test notification to {device}',
  'devices.push.thisNotSubscribed':
    'This device doesn’t get notifications. Tap “Enable” in the “Push notifications” box to turn them on.',
  'devices.push.back': 'Your account',

  'console.updates.title': 'Send an update',
  'console.updates.intro':
    'Updates go as push notifications to everyone who turned that kind on, and into their Updates inbox.',
  'console.updates.back': 'Clinic console',
  'console.updates.formTitle': 'New update',
  'console.updates.fieldTitle': 'Title',
  'console.updates.fieldBody': 'Message',
  'console.updates.fieldUrl': 'Link in the app (optional)',
  'console.updates.fieldUrlHint': 'A page of the clinic’s app, starting with {prefix}',
  'console.updates.fieldCategory': 'Kind',
  'console.updates.fieldUrgency': 'Urgency',
  'console.updates.urgency.very-low': 'Very low (can wait for the phone to charge)',
  'console.updates.urgency.low': 'Low',
  'console.updates.urgency.normal': 'Normal',
  'console.updates.urgency.high': 'High (wakes the phone at once)',
  'console.updates.size': 'Size: {used} of {max} bytes',
  'console.updates.tooLarge': 'Too long for a notification: shorten it by {over} bytes.',
  'console.updates.payloadTooLarge':
    'The server says the update is too large for a push notification. Shorten the message and try again.',
  'console.updates.urlOutside':
    'The link must be a page of this clinic’s app, starting with {prefix}',
  'console.updates.required': 'Fill in the title and the message.',
  'console.updates.marketingNote':
    'Marketing goes only to people who opted in, and carries an Unsubscribe button.',
  'console.updates.send': 'Send update',
  'console.updates.sending': 'Sending…',
  'console.updates.sent': 'The update “{title}” is on its way.',
  'console.updates.listTitle': 'Sent updates',
  'console.updates.listEmpty': 'No updates sent yet.',
  'console.updates.status.queued': 'Queued',
  'console.updates.status.sending': 'Sending',
  'console.updates.status.done': 'Done',
  'console.updates.progressLabel': 'Delivery of “{title}”',
  'console.updates.targeted': 'Devices',
  'console.updates.delivered': 'Delivered',
  'console.updates.failed': 'Failed',
  'console.updates.removed': 'Removed (gone)',
  'console.updates.pending': 'Pending',
  'console.updates.inbox': 'In {count} inboxes',
  'console.updates.sentBy': 'Sent {datetime} by {who}',
  'console.updates.staffOnly': 'Only the clinic’s staff can send updates.',
} as const;

export type UpdatesMessageKey = keyof typeof updatesEn;
export type UpdatesEnglishMessages = typeof updatesEn;
