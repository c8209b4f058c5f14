/**
 * Every UI string in English. The policy documents themselves are not translated here:
 * they are legal texts and come from the server as published.
 * `{name}` marks a value filled in by the caller; the types make callers pass each one.
 */
export const en = {
  'app.skipLink': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.language': 'Language',
  'app.clinicHome': '{clinic}: privacy documents',
  'app.name': 'pawtal',

  'nav.label': 'Your account',
  'nav.signIn': 'Sign in',
  'nav.account': 'Your account',
  'nav.console': 'Console',

  'footer.offline': 'You’re offline — showing saved copies',
  'footer.availableOffline': 'Available offline',
  'footer.contact': 'Questions about your data? Email {email}',
  'footer.status': 'Connection status',
  'footer.privacyRequest': 'Make a privacy request without an account',

  'update.label': 'App update',
  'update.message': 'A new version is available',
  'update.reload': 'Reload',

  'install.label': 'Install the app',
  'install.title': 'Add to homescreen',
  'install.body': 'Keep {clinic} on your phone and read its documents even without a connection.',
  'install.button': 'Install',
  'install.hide': 'Hide',
  'install.iosSteps': 'In Safari, tap Share {shareIcon}, then “Add to Home Screen”.',
  'install.shareIconLabel': '(the square with an arrow pointing up)',

  'push.label': 'Push notifications',
  'push.title': 'Push Notifications are disabled',
  'push.body': 'Get news from {clinic} on this device, even when the app is closed.',
  'push.enable': 'Enable',
  'push.enableAgain': 'Enable again',
  'push.hide': 'Hide',
  'push.onTitle': 'Push notifications are on',
  'push.asking': 'Answer your browser’s question to continue.',
  'push.dismissed': 'Your browser didn’t turn notifications on. Tap Enable to be asked again.',
  'push.updatesLink': 'Updates',
  'push.devicesLink': 'Devices that get notifications',
  'push.lostTitle': 'Push notifications stopped',

  'error.title': 'Something went wrong',
  'error.body': 'This page could not be shown. Please try again in a moment.',
  'error.notFoundTitle': 'We couldn’t find this page',
  'error.notFoundBody': 'The link may be old or mistyped.',
  'error.clinicNotFoundTitle': 'We couldn’t find this clinic',
  'error.clinicNotFoundBody':
    'Check the link your clinic gave you, or ask the clinic for it again.',
  'error.offlineTitle': 'Not saved on this phone yet',
  'error.offlineBody':
    'You’re offline, and this page hasn’t been opened on this phone before. Connect to the internet and try again.',
  'error.serverMessage': 'The server said: {message}',
  'error.retry': 'Try again',
  'error.home': 'Go to the start page',

  'policies.title': 'Your privacy',
  'policies.intro':
    'These documents explain how {clinic} handles information about you and your pets, and whom to ask about it.',
  'policies.controllerLine':
    '{clinic} decides how your information is used (controller). Ask the clinic at {email} about your data.',
  'policies.processorLine':
    '{publisher} runs the clinic’s software on its behalf (processor). Questions about your data still go to the clinic.',
  'policies.inEffect': 'Version {version}, in effect since {date}',
  'policies.upcoming': 'A new version takes effect on {date} — {link}',
  'policies.upcomingLink': 'see what changes',
  'policies.read': 'Read the policy',
  'policies.allVersions': 'All versions',
  'policies.empty': 'This clinic hasn’t published any documents yet.',
  'policies.roleController': 'Controller',
  'policies.roleProcessor': 'Processor',

  'reader.back': 'All documents',
  'reader.version': 'Version {version}',
  'reader.effective': 'In effect since {date}',
  'reader.effectiveFuture': 'Takes effect on {date}',
  'reader.published': 'Published {date}',
  'reader.contents': 'Contents',
  'reader.sectionLink': 'Link to the section “{heading}”',
  'reader.linkCopied': 'Link to “{heading}” copied',
  'reader.archived': 'You’re reading version {version}, which is no longer in effect.',
  'reader.readCurrent': 'Read the current version',
  'reader.upcomingVersion':
    'This version takes effect on {date}. Until then, version {current} applies.',
  'reader.savedCopy': 'Saved copy from {datetime}',
  'reader.versions': 'All versions',
  'reader.compare': 'Compare versions',
  'reader.versionNotFound': 'This document has no version {version}.',
  'reader.documentNav': 'About this document',

  'search.label': 'Search this document',
  'search.next': 'Next match',
  'search.previous': 'Previous match',
  'search.position': 'Match {current} of {total}',
  'search.none': 'No matches',
  'search.hint': 'Press Enter for the next match, Shift+Enter for the previous one.',

  'archive.title': 'All versions',
  'archive.of': 'of “{title}”',
  'archive.intro': 'Every version ever published, newest first. Old versions stay readable here.',
  'archive.version': 'Version {version}',
  'archive.published': 'Published',
  'archive.effective': 'In effect from',
  'archive.current': 'In effect now',
  'archive.upcoming': 'Coming soon',
  'archive.past': 'No longer in effect',
  'archive.read': 'Read version {version}',
  'archive.compare': 'Compare with version {previous}',
  'archive.back': 'Back to the document',

  'diff.title': 'What changed',
  'diff.of': 'in “{title}”',
  'diff.from': 'Older version',
  'diff.to': 'Newer version',
  'diff.option': 'Version {version} · {date}',
  'diff.summary':
    'Comparing version {from} (in effect from {fromDate}) with version {to} (in effect from {toDate}).',
  'diff.stats': 'Changed: {changed} · Added: {added} · Removed: {removed} · Unchanged: {unchanged}',
  'diff.onlyChanged': 'Show only changed sections',
  'diff.legend': 'Added words are {added}; removed words are {removed}.',
  'diff.legendAdded': 'underlined in green',
  'diff.legendRemoved': 'struck through in red',
  'diff.insertedStart': '[added:',
  'diff.insertedEnd': ']',
  'diff.deletedStart': '[removed:',
  'diff.deletedEnd': ']',
  'diff.statusAdded': 'New section',
  'diff.statusRemoved': 'Section removed',
  'diff.statusChanged': 'Changed',
  'diff.statusUnchanged': 'Unchanged',
  'diff.unchangedSection': 'No changes in this section.',
  'diff.noChanges': 'Nothing changed between these two versions.',
  'diff.sameVersion': 'Choose two different versions to compare.',
  'diff.singleVersion':
    'There is only one version of this document so far, so there is nothing to compare.',
  'diff.compare': 'Compare',

  'notFound.title': 'We couldn’t find this page',
  'notFound.body': 'The link may be old or mistyped.',
} as const;

export type MessageKey = keyof typeof en;
export type EnglishMessages = typeof en;
