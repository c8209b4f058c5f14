import type { UpdatesMessageKey } from './updates-en.ts';

/** Spanish for the updates screens. `satisfies` makes a missing or misspelt key a type error. */
export const updatesEs = {
  'push.unsupported':
    'Este navegador no puede recibir notificaciones push. Todo lo que envía la clínica aparece igualmente en {updates}.',
  'push.iosTab':
    'En iPhone y iPad, las notificaciones solo funcionan en la aplicación añadida a la pantalla de inicio (iOS 16.4 o posterior). En Safari, toque Compartir y luego «Añadir a pantalla de inicio» (como explica «Añadir a la pantalla de inicio»), abra la aplicación desde la pantalla de inicio y toque Activar allí.',
  'push.denied':
    'Las notificaciones están bloqueadas para esta aplicación en este dispositivo. Para permitirlas, {steps}',
  'push.steps.android':
    'abra el menú ⋮ de Chrome → Configuración → Configuración de sitios → Notificaciones y permita este sitio. Para la aplicación instalada: Ajustes del teléfono → Aplicaciones → {clinic} → Notificaciones.',
  'push.steps.ios':
    'abra Ajustes del iPhone → Notificaciones → {clinic} y active Permitir notificaciones.',
  'push.steps.firefox':
    'toque el icono a la izquierda de la dirección, quite el permiso de notificaciones bloqueado y vuelva a cargar.',
  'push.steps.safari': 'abra Safari → Ajustes → Sitios web → Notificaciones y permita este sitio.',
  'push.steps.other':
    'toque el icono a la izquierda de la dirección → Configuración del sitio → Notificaciones → Permitir, y vuelva a cargar.',
  'push.lost':
    'Las notificaciones de {clinic} se desactivaron fuera de la aplicación (en los ajustes del navegador o del teléfono), así que este dispositivo ya no las recibe. Se lo hemos comunicado a la clínica.',
  'push.on':
    'Este dispositivo recibirá notificaciones de {clinic}. Todo lo enviado aparece también en {updates}.',
  'push.chooseLegend': '¿Qué notificaciones desea recibir?',
  'push.chooseNews': 'Novedades de la clínica',
  'push.chooseNewsHint': 'Cierres, horarios y noticias de la clínica.',
  'push.chooseMarketing': 'Ofertas y boletín (publicidad)',
  'push.chooseMarketingHint': 'Solo si lo marca. Cada una trae un botón «Cancelar estos avisos».',
  'push.chooseSubmit': 'Activar notificaciones',
  'push.chooseNone': 'Elija al menos un tipo de notificación.',
  'push.subscribing': 'Activando las notificaciones…',
  'push.errorNoWorker':
    'La aplicación aún no está lista para notificaciones. Vuelva a cargar la página e inténtelo de nuevo.',
  'push.errorNetwork':
    'No tiene conexión, así que no se pudieron activar las notificaciones. Inténtelo de nuevo con conexión.',
  'push.notSubscribed':
    'Las notificaciones están permitidas, pero este dispositivo no está suscrito: toque Activar en el aviso «Notificaciones push» para recibirlas aquí.',
  'push.notSubscribedShort': 'No activadas en este dispositivo',
  'push.errorFailed':
    'No se pudieron activar las notificaciones. Inténtelo de nuevo en un momento.',

  'updates.title': 'Novedades',
  'updates.intro':
    'Noticias que {clinic} le ha enviado. Las nuevas llegan también como notificaciones si las tiene activadas.',
  'updates.introVisitor':
    'Noticias de {clinic} que llegaron a este dispositivo como notificación. Inicie sesión para ver todas las enviadas a su cuenta.',
  'updates.empty': 'Todavía no hay nada. Aquí aparecerán las novedades de la clínica.',
  'updates.sentAt': 'Enviada {datetime}',
  'updates.open': 'Abrir: {title}',
  'updates.savedOnPhone':
    'No tiene conexión o no se puede contactar con el servidor: estas son las novedades guardadas en este dispositivo.',
  'updates.signIn': 'Inicie sesión para ver todas sus novedades',
  'updates.devicesLink': 'Dispositivos que reciben notificaciones',
  'updates.category.service': 'Servicio',
  'updates.category.reminders': 'Recordatorio',
  'updates.category.clinic-news': 'Novedades de la clínica',
  'updates.category.marketing': 'Publicidad',
  'updates.category.surveys': 'Encuesta',
  'updates.category.partner-offers': 'Oferta de socios',

  'devices.push.title': 'Dispositivos que reciben notificaciones',
  'devices.push.intro':
    'Cada teléfono o navegador donde activó las notificaciones de {clinic}. Si quita uno, deja de recibirlas.',
  'devices.push.empty': 'Ningún dispositivo recibe notificaciones todavía.',
  'devices.push.thisDevice': 'Este dispositivo',
  'devices.push.via': 'mediante {service}',
  'devices.push.added': 'Añadido {datetime}',
  'devices.push.lastDelivered': 'Última notificación {datetime}',
  'devices.push.never': 'Sin notificaciones todavía',
  'devices.push.remove': 'Quitar',
  'devices.push.removeLabel': 'Quitar {device}',
  'devices.push.removed': 'Se quitó {device}; ya no recibirá notificaciones.',
  'devices.push.test': 'Enviarme una notificación de prueba',
  'devices.push.testSent': 'Una notificación de prueba va en camino a {device}.',
  'devices.push.testOther': 'Enviar una prueba',
  'devices.push.testLabel': 'Enviar una notificación de prueba a {device}',
  'devices.push.thisNotSubscribed':
    'Este dispositivo no recibe notificaciones. Toque «Activar» en el recuadro «Notificaciones push» para activarlas.',
  'devices.push.back': 'Su cuenta',

  'console.updates.title': 'Enviar una novedad',
  'console.updates.intro':
    'Las novedades llegan como notificación push a quien activó ese tipo, y a su bandeja de Novedades.',
  'console.updates.back': 'Consola de la clínica',
  'console.updates.formTitle': 'Nueva novedad',
  'console.updates.fieldTitle': 'Título',
  'console.updates.fieldBody': 'Mensaje',
  'console.updates.fieldUrl': 'Enlace en la aplicación (opcional)',
  'console.updates.fieldUrlHint':
    'Una página de la aplicación de la clínica, que empiece por {prefix}',
  'console.updates.fieldCategory': 'Tipo',
  'console.updates.fieldUrgency': 'Urgencia',
  'console.updates.urgency.very-low': 'Muy baja (puede esperar a que el teléfono se cargue)',
  'console.updates.urgency.low': 'Baja',
  'console.updates.urgency.normal': 'Normal',
  'console.updates.urgency.high': 'Alta (activa el teléfono al momento)',
  'console.updates.size': 'Tamaño: {used} de {max} bytes',
  'console.updates.tooLarge': 'Demasiado largo para una notificación: acórtelo en {over} bytes.',
  'console.updates.payloadTooLarge':
    'El servidor indica que la novedad es demasiado grande para una notificación push. Acorte el mensaje e inténtelo de nuevo.',
  'console.updates.urlOutside':
    'El enlace debe ser una página de la aplicación de esta clínica, que empiece por {prefix}',
  'console.updates.required': 'Complete el título y el mensaje.',
  'console.updates.marketingNote':
    'La publicidad solo llega a quien la aceptó, y lleva un botón para cancelarla.',
  'console.updates.send': 'Enviar novedad',
  'console.updates.sending': 'Enviando…',
  'console.updates.sent': 'La novedad «{title}» va en camino.',
  'console.updates.listTitle': 'Novedades enviadas',
  'console.updates.listEmpty': 'Todavía no se ha enviado ninguna novedad.',
  'console.updates.status.queued': 'En cola',
  'console.updates.status.sending': 'Enviando',
  'console.updates.status.done': 'Terminada',
  'console.updates.progressLabel': 'Entrega de «{title}»',
  'console.updates.targeted': 'Dispositivos',
  'console.updates.delivered': 'Entregadas',
  'console.updates.failed': 'Fallidas',
  'console.updates.removed': 'Quitados (ya no existen)',
  'console.updates.pending': 'Pendientes',
  'console.updates.inbox': 'En {count} bandejas',
  'console.updates.sentBy': 'Enviada {datetime} por {who}',
  'console.updates.staffOnly': 'Solo el personal de la clínica puede enviar novedades.',
} satisfies Record<UpdatesMessageKey, string>;
