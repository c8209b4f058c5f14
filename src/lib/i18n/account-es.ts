import type { AccountMessageKey } from './account-en.ts';

/** Spanish for the account screens. `satisfies` makes a missing or misspelt key a type error. */
export const accountEs = {
  'common.cancel': 'Cancelar',

  'apiError.network':
    'No tiene conexión, así que no se pudo enviar. Conéctese a internet e inténtelo de nuevo.',
  'apiError.rateLimited':
    'Demasiados intentos por ahora. Espere {minutes} min e inténtelo de nuevo.',
  'apiError.unknown': 'Algo salió mal. Inténtelo de nuevo dentro de un momento.',
  'apiError.detail': 'Detalles del servidor (en inglés):',
  'apiError.invalidCode':
    'Ese código no es correcto. Revise el correo más reciente e inténtelo de nuevo.',
  'apiError.tooManyAttempts':
    'Demasiados códigos incorrectos: este código ya no sirve. Pida uno nuevo.',
  'apiError.locked': 'Esta opción no se puede cambiar aquí.',
  'apiError.sameEmail': 'Esa ya es su dirección de correo electrónico.',
  'apiError.emailTaken':
    'Otra cuenta de esta clínica usa esa dirección de correo. Elija otra o consulte a la clínica.',
  'apiError.invalidBirthDate': 'La fecha de nacimiento no puede ser futura.',
  'apiError.invalidRequest': 'Hay algo no válido en el formulario. Revíselo e inténtelo de nuevo.',
  'apiError.notFound': 'Esto ya no existe. Es posible que se haya eliminado.',
  'apiError.unauthenticated': 'Inicie sesión primero.',

  'signIn.title': 'Iniciar sesión',
  'signIn.intro':
    'Escriba su dirección de correo electrónico y le enviaremos un código de 6 cifras. No hace falta recordar ninguna contraseña.',
  'signIn.emailLabel': 'Correo electrónico',
  'signIn.emailInvalid': 'Escriba una dirección de correo como nombre@ejemplo.com.',
  'signIn.sendCode': 'Enviarme un código',
  'signIn.sending': 'Enviando…',
  'signIn.codeSentTitle': 'Le enviamos un código',
  'signIn.codeSent':
    'Si {email} puede iniciar sesión aquí, el código ya va en camino. Sirve durante 10 minutos. Si no le llega en un minuto, revise la carpeta de correo no deseado.',
  'signIn.codeResent':
    'Le enviamos un código nuevo a {email}. Solo sirve el más reciente, durante 10 minutos.',
  'signIn.codeLabel': 'Código de 6 cifras',
  'signIn.codeInvalid': 'El código son las 6 cifras del correo.',
  'signIn.submitCode': 'Iniciar sesión',
  'signIn.checking': 'Comprobando…',
  'signIn.resend': 'Enviar un código nuevo',
  'signIn.changeEmail': 'Usar otro correo',

  'signOut.button': 'Cerrar sesión en este teléfono',
  'signOut.unsentWarning':
    'Cambios aún sin enviar: {count}. Si cierra la sesión, se borrarán de este teléfono. Conéctese a internet antes para conservarlos.',

  'age.title': '¿Qué edad tiene?',
  'age.rule': 'La aplicación es para personas de 16 años o más.',
  'age.why':
    '{clinic} necesita saberlo antes de crear su cuenta. No le pedimos su fecha de nacimiento.',
  'age.older': 'Tengo 16 años o más',
  'age.younger': 'Tengo menos de 16 años',
  'age.refusedTitle': 'No se creó ninguna cuenta',
  'age.refusedBody':
    'Como tiene menos de 16 años, no creamos ninguna cuenta. No guardamos nada sobre usted, salvo una nota de que este registro se rechazó.',
  'age.refusedNext':
    'Su madre, su padre o su tutor pueden ponerse en contacto con {clinic} sobre sus mascotas y su cuidado.',
  'age.backToStart': 'Volver al inicio',

  'account.title': 'Su cuenta',
  'account.signedInAs': 'Sesión iniciada como {email}',
  'account.moreLabel': 'Más sobre su cuenta',
  'account.preferencesLink': 'Mensajes que recibe de la clínica',
  'account.historyLink': 'Historial de sus decisiones',
  'account.back': 'Su cuenta',
  'account.privacyTitle': 'Sus datos y su privacidad',
  'account.privacyLink': 'Sus derechos de privacidad',
  'account.downloadLink': 'Descargar mis datos',
  'account.deleteLink': 'Eliminar mi cuenta',

  'profile.title': 'Sus datos',
  'profile.name': 'Nombre',
  'profile.phone': 'Teléfono móvil',
  'profile.phoneHint':
    'Con el prefijo del país, por ejemplo +34 612 345 678. Déjelo vacío para eliminarlo.',
  'profile.phoneInvalid': 'Escriba un número de teléfono como +34 612 345 678.',
  'profile.save': 'Guardar datos',
  'profile.saved': 'Sus datos se han guardado.',
  'profile.email': 'Correo electrónico:',

  'email.change': 'Cambiar el correo electrónico',
  'email.newLabel': 'Nuevo correo electrónico',
  'email.sendCode': 'Enviar un código a esta dirección',
  'email.codeSent':
    'Enviamos un código de 6 cifras a {email}. Escríbalo aquí para confirmar la nueva dirección. Hasta entonces, se mantiene la actual.',
  'email.confirm': 'Confirmar la nueva dirección',
  'email.changed':
    'Su correo electrónico ahora es {email}. Avisamos del cambio a su dirección anterior.',

  'pets.title': 'Sus mascotas',
  'pets.none': 'Todavía no hay mascotas.',
  'pets.addButton': 'Añadir una mascota',
  'pets.addTitle': 'Añadir una mascota',
  'pets.editTitle': 'Cambiar los datos de {name}',
  'pets.name': 'Nombre de la mascota',
  'pets.nameMissing': 'Escriba el nombre de su mascota.',
  'pets.species': 'Especie',
  'pets.birthDate': 'Fecha de nacimiento (opcional)',
  'pets.birthDateHint': 'Basta con una fecha aproximada.',
  'pets.add': 'Añadir mascota',
  'pets.saveChanges': 'Guardar cambios',
  'pets.born': 'nació el {date}',
  'pets.edit': 'Editar',
  'pets.remove': 'Quitar',
  'pets.removeTitle': 'Quitar a {name}',
  'pets.removeQuestion':
    '¿Quitar a {name} de su cuenta? Esto no afecta a la historia clínica que guarda la clínica.',
  'pets.removeConfirm': 'Sí, quitar a {name}',
  'pets.keep': 'Conservar',
  'pets.added': 'Se añadió a {name}.',
  'pets.updated': 'Se guardaron los datos de {name}.',
  'pets.removed': 'Se quitó a {name}.',

  'species.dog': 'Perro',
  'species.cat': 'Gato',
  'species.rabbit': 'Conejo',
  'species.bird': 'Ave',
  'species.reptile': 'Reptil',
  'species.horse': 'Caballo',
  'species.other': 'Otra',

  'devices.title': 'Dónde tiene la sesión iniciada',
  'devices.browserOn': '{browser} en {system}',
  'devices.unknown': 'Dispositivo desconocido',
  'devices.thisDevice': 'Este dispositivo',
  'devices.lastUsed': 'Último uso: {datetime}',
  'devices.signedIn': 'inició sesión: {datetime}',
  'devices.signOutOthers': 'Cerrar sesión en los demás dispositivos',
  'devices.onlyThis': 'Solo tiene la sesión iniciada en este dispositivo.',
  'devices.endedOthers': 'Sesiones cerradas en otros dispositivos: {count}.',

  'activity.title': 'Actividad',
  'activity.intro': 'Todos los cambios de su cuenta, del más reciente al más antiguo.',
  'activity.none': 'Todavía no hay nada.',
  'activity.whoOwner': 'Usted',
  'activity.whoStaff': 'La clínica',
  'activity.whoSystem': 'La aplicación',
  'activity.accountCreated': '{who} creó su cuenta.',
  'activity.ageConfirmed': '{who} confirmó que usted tiene 16 años o más.',
  'activity.signedOutElsewhere': '{who} cerró la sesión en todos sus demás dispositivos.',
  'activity.changed': '{who} cambió su {field} de {from} a {to}.',
  'activity.added': '{who} añadió su {field}: {to}.',
  'activity.removed': '{who} eliminó su {field} ({from}).',
  'activity.field.name': 'nombre',
  'activity.field.phone': 'número de teléfono',
  'activity.field.email': 'correo electrónico',
  'activity.petAdded': '{who} añadió a {pet} a sus mascotas.',
  'activity.petRemoved': '{who} quitó a {pet} de sus mascotas.',
  'activity.petUpdated': '{who} actualizó los datos de {pet}.',
  'activity.petFieldChanged': '{who} cambió {field} de {pet} de {from} a {to}.',
  'activity.petFieldSet': '{who} indicó {field} de {pet}: {to}.',
  'activity.petFieldRemoved': '{who} eliminó {field} de {pet}.',
  'activity.petField.name': 'el nombre',
  'activity.petField.species': 'la especie',
  'activity.petField.birthDate': 'la fecha de nacimiento',

  'pref.title': 'Mensajes de la clínica',
  'pref.intro':
    'Elija qué le puede enviar {clinic} y por qué medio. Los cambios se aplican enseguida y puede deshacerlos cuando quiera.',
  'pref.on': 'Activado',
  'pref.off': 'Desactivado',
  'pref.alwaysOn': 'Siempre activado',
  'pref.cellName': '{category} {channel}',
  'pref.category.service': 'Mensajes del servicio',
  'pref.category.reminders': 'Recordatorios',
  'pref.category.clinic-news': 'Noticias de la clínica',
  'pref.category.marketing': 'Boletín comercial',
  'pref.category.surveys': 'Encuestas',
  'pref.category.partner-offers': 'Ofertas de empresas colaboradoras',
  'pref.about.service':
    'Sobre sus citas, el tratamiento de sus mascotas y su cuenta, como la confirmación de una cita.',
  'pref.about.reminders': 'Cuando toca una vacuna, una revisión o un medicamento.',
  'pref.about.clinic-news': 'Horarios, servicios nuevos y otras noticias de la clínica.',
  'pref.about.marketing': 'Ofertas y promociones de la propia clínica.',
  'pref.about.surveys':
    'Preguntas breves después de una visita, para ayudar a la clínica a mejorar.',
  'pref.about.partner-offers':
    'Ofertas de empresas con las que trabaja la clínica, como alimentos para mascotas o seguros.',
  'pref.phrase.service': 'los mensajes del servicio',
  'pref.phrase.reminders': 'los recordatorios',
  'pref.phrase.clinic-news': 'las noticias de la clínica',
  'pref.phrase.marketing': 'el boletín comercial',
  'pref.phrase.surveys': 'las encuestas',
  'pref.phrase.partner-offers': 'las ofertas de empresas colaboradoras',
  'pref.by.email': 'por correo electrónico',
  'pref.by.sms': 'por SMS',
  'pref.by.push': 'por notificación push',
  'pref.serviceLocked':
    'Los mensajes del servicio no se pueden desactivar mientras su cuenta esté abierta: son la forma en que la clínica le avisa de sus citas y tratamientos.',
  'pref.closingAccount':
    'Solo dejan de llegar si se cierra su cuenta. Cerrarla significa que la clínica borra sus datos de contacto, sus preferencias y sus dispositivos, y conserva solo los registros que exige la ley. Puede pedírselo a la clínica cuando quiera.',
  'pref.lockedOther': 'Esto no se puede cambiar aquí.',
  'pref.pending.waiting': 'Guardado en este teléfono: se enviará cuando tenga conexión',
  'pref.pending.sending': 'Guardando…',
  'pref.waitingSummary':
    'No tiene conexión. Cambios guardados en este teléfono: {count}. Se enviarán cuando vuelva a tener conexión.',
  'pref.saved': 'Sus preferencias se han guardado.',
  'pref.failed': 'No se pudo cambiar «{cell}».',
  'pref.dismiss': 'Entendido',
  'pref.keptCopy':
    'No tiene conexión: estas son sus preferencias tal como las vio este teléfono por última vez ({datetime}).',
  'pref.gpcHonoured':
    'Se respetó la señal Global Privacy Control de su navegador: las ofertas de empresas colaboradoras están desactivadas.',
  'pref.gpcSince': '(desde el {date})',
  'pref.historyLink': 'Ver el historial de sus decisiones',
  'pref.push.denied':
    'Las notificaciones de esta aplicación están bloqueadas en los ajustes del navegador o del teléfono, así que no llegará ninguna a este dispositivo, elija lo que elija aquí.',
  'pref.push.unsupported':
    'Este navegador no puede mostrar notificaciones, así que no llegará ninguna a este dispositivo. Sus preferencias siguen valiendo para sus otros dispositivos.',
  'pref.push.notAsked':
    'Este dispositivo todavía no tiene permiso para mostrar notificaciones, así que por ahora no le llegará ninguna.',
  'pref.push.deniedShort': 'Bloqueadas en este dispositivo',
  'pref.push.unsupportedShort': 'No disponibles en este dispositivo',
  'pref.push.notAskedShort': 'Aún sin permiso en este dispositivo',

  'history.title': 'Historial de sus decisiones',
  'history.intro':
    'Todos los cambios en los mensajes que recibe, del más reciente al más antiguo: qué cambió, cómo, cuándo y qué política de privacidad estaba vigente.',
  'history.back': 'Mensajes de la clínica',
  'history.none': 'Todavía no hay cambios.',
  'history.sentence': '{cell}: {change}',
  'history.turnedOn': 'activado',
  'history.turnedOff': 'desactivado',
  'history.on': 'activado',
  'history.off': 'desactivado',
  'history.was': '{change} (antes: {previous})',
  'history.policyVersion': 'política de privacidad, versión {version}',
  'history.source.app': 'en la aplicación',
  'history.source.email-link': 'desde el enlace de un correo',
  'history.source.push-action': 'desde una notificación',
  'history.source.sms-keyword': 'al enviar STOP por SMS',
  'history.source.gpc': 'por la señal Global Privacy Control de su navegador',
  'history.source.staff': 'por el personal de la clínica',
  'history.source.objection': 'por su oposición a la publicidad directa',
  'history.source.restriction': 'por su solicitud de limitar el tratamiento',
  'history.source.erasure': 'por su solicitud de borrar sus datos',
  'history.source.default': 'el ajuste inicial de su cuenta',

  'unsubscribe.title': 'Darse de baja',
  'unsubscribe.what': 'Con esto deja de recibir {messages} {channel} de {clinic}.',
  'unsubscribe.button': 'Darme de baja',
  'unsubscribe.noSignIn': 'No hace falta iniciar sesión. No cambia nada más.',
  'unsubscribe.done': 'Ya no recibirá {messages} {channel}.',
  'unsubscribe.already': 'Ya se había dado de baja, así que no ha cambiado nada más.',
  'unsubscribe.elsewhere':
    'Los demás mensajes que aceptó, como los recordatorios, le siguen llegando como antes.',
  'unsubscribe.alreadyOff': 'Ya los había desactivado. No hace falta hacer nada más.',
  'unsubscribe.accountClosed':
    'La cuenta de este enlace se cerró, así que ya no se le enviará nada más.',
  'unsubscribe.allChoices': 'Ver todas sus preferencias',
  'unsubscribe.badLink': 'Este enlace para darse de baja no funciona.',
  'unsubscribe.badLinkHelp':
    'Puede que sea antiguo o que solo se haya copiado una parte. Aun así, puede desactivar los mensajes en su cuenta.',
} satisfies Record<AccountMessageKey, string>;
