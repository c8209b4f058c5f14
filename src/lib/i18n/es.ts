import type { MessageKey } from './en.ts';

/** Spanish. `satisfies` makes a missing or misspelt key a type error. */
export const es = {
  'app.skipLink': 'Saltar al contenido principal',
  'app.loading': 'Cargando…',
  'app.language': 'Idioma',
  'app.clinicHome': '{clinic}: documentos de privacidad',
  'app.name': 'pawtal',

  'nav.label': 'Su cuenta',
  'nav.signIn': 'Iniciar sesión',
  'nav.account': 'Su cuenta',
  'nav.console': 'Consola',

  'footer.offline': 'Sin conexión: se muestran las copias guardadas',
  'footer.availableOffline': 'Disponible sin conexión',
  'footer.contact': '¿Preguntas sobre sus datos? Escriba a {email}',
  'footer.status': 'Estado de la conexión',
  'footer.privacyRequest': 'Hacer una solicitud de privacidad sin cuenta',

  'update.label': 'Actualización de la aplicación',
  'update.message': 'Hay una nueva versión disponible',
  'update.reload': 'Recargar',

  'install.label': 'Instalar la aplicación',
  'install.title': 'Añadir a la pantalla de inicio',
  'install.body': 'Tenga {clinic} en su teléfono y lea sus documentos incluso sin conexión.',
  'install.button': 'Instalar',
  'install.hide': 'Ocultar',
  'install.iosSteps':
    'En Safari, toque Compartir {shareIcon} y luego “Añadir a pantalla de inicio”.',
  'install.shareIconLabel': '(el cuadrado con una flecha hacia arriba)',

  'push.label': 'Notificaciones push',
  'push.title': 'Las notificaciones push están desactivadas',
  'push.body':
    'Reciba novedades de {clinic} en este dispositivo, incluso con la aplicación cerrada.',
  'push.enable': 'Activar',
  'push.enableAgain': 'Activar de nuevo',
  'push.hide': 'Ocultar',
  'push.onTitle': 'Las notificaciones push están activadas',
  'push.asking': 'Responda a la pregunta de su navegador para continuar.',
  'push.dismissed':
    'Su navegador no activó las notificaciones. Toque Activar para que se lo pregunte de nuevo.',
  'push.updatesLink': 'Novedades',
  'push.devicesLink': 'Dispositivos que reciben notificaciones',
  'push.lostTitle': 'Las notificaciones push se detuvieron',

  'error.title': 'Algo salió mal',
  'error.body': 'No se pudo mostrar esta página. Vuelva a intentarlo en un momento.',
  'error.notFoundTitle': 'No encontramos esta página',
  'error.notFoundBody': 'Es posible que el enlace sea antiguo o tenga un error.',
  'error.clinicNotFoundTitle': 'No encontramos esta clínica',
  'error.clinicNotFoundBody':
    'Revise el enlace que le dio su clínica o pídale que se lo envíe de nuevo.',
  'error.offlineTitle': 'Aún no está guardada en este teléfono',
  'error.offlineBody':
    'No tiene conexión y esta página no se ha abierto antes en este teléfono. Conéctese a internet y vuelva a intentarlo.',
  'error.serverMessage': 'El servidor respondió: {message}',
  'error.retry': 'Reintentar',
  'error.home': 'Ir a la página de inicio',

  'policies.title': 'Su privacidad',
  'policies.intro':
    'Estos documentos explican cómo {clinic} trata la información sobre usted y sus mascotas, y a quién dirigirse con sus preguntas.',
  'policies.controllerLine':
    '{clinic} decide cómo se usa su información (responsable del tratamiento). Escriba a la clínica a {email} para cualquier consulta sobre sus datos.',
  'policies.processorLine':
    '{publisher} gestiona el software de la clínica en su nombre (encargado del tratamiento). Las preguntas sobre sus datos se siguen dirigiendo a la clínica.',
  'policies.inEffect': 'Versión {version}, vigente desde el {date}',
  'policies.upcoming': 'Una nueva versión entra en vigor el {date}: {link}',
  'policies.upcomingLink': 'vea qué cambia',
  'policies.read': 'Leer la política',
  'policies.allVersions': 'Todas las versiones',
  'policies.empty': 'Esta clínica todavía no ha publicado ningún documento.',
  'policies.roleController': 'Responsable',
  'policies.roleProcessor': 'Encargado',

  'reader.back': 'Todos los documentos',
  'reader.version': 'Versión {version}',
  'reader.effective': 'Vigente desde el {date}',
  'reader.effectiveFuture': 'Entra en vigor el {date}',
  'reader.published': 'Publicada el {date}',
  'reader.contents': 'Índice',
  'reader.sectionLink': 'Enlace a la sección “{heading}”',
  'reader.linkCopied': 'Se copió el enlace a “{heading}”',
  'reader.archived': 'Está leyendo la versión {version}, que ya no está vigente.',
  'reader.readCurrent': 'Leer la versión vigente',
  'reader.upcomingVersion':
    'Esta versión entra en vigor el {date}. Hasta entonces se aplica la versión {current}.',
  'reader.savedCopy': 'Copia guardada del {datetime}',
  'reader.versions': 'Todas las versiones',
  'reader.compare': 'Comparar versiones',
  'reader.versionNotFound': 'Este documento no tiene una versión {version}.',
  'reader.documentNav': 'Sobre este documento',

  'search.label': 'Buscar en este documento',
  'search.next': 'Siguiente coincidencia',
  'search.previous': 'Coincidencia anterior',
  'search.position': 'Coincidencia {current} de {total}',
  'search.none': 'No hay coincidencias',
  'search.hint': 'Pulse Intro para ir a la siguiente coincidencia y Mayús+Intro para la anterior.',

  'archive.title': 'Todas las versiones',
  'archive.of': 'de “{title}”',
  'archive.intro':
    'Todas las versiones publicadas, de la más reciente a la más antigua. Las versiones anteriores se pueden seguir leyendo aquí.',
  'archive.version': 'Versión {version}',
  'archive.published': 'Publicada',
  'archive.effective': 'Vigente desde',
  'archive.current': 'Vigente ahora',
  'archive.upcoming': 'Próximamente',
  'archive.past': 'Ya no está vigente',
  'archive.read': 'Leer la versión {version}',
  'archive.compare': 'Comparar con la versión {previous}',
  'archive.back': 'Volver al documento',

  'diff.title': 'Qué ha cambiado',
  'diff.of': 'en “{title}”',
  'diff.from': 'Versión anterior',
  'diff.to': 'Versión posterior',
  'diff.option': 'Versión {version} · {date}',
  'diff.summary':
    'Se compara la versión {from} (vigente desde el {fromDate}) con la versión {to} (vigente desde el {toDate}).',
  'diff.stats':
    'Modificadas: {changed} · Añadidas: {added} · Eliminadas: {removed} · Sin cambios: {unchanged}',
  'diff.onlyChanged': 'Mostrar solo las secciones modificadas',
  'diff.legend': 'Las palabras añadidas aparecen {added}; las eliminadas, {removed}.',
  'diff.legendAdded': 'subrayadas en verde',
  'diff.legendRemoved': 'tachadas en rojo',
  'diff.insertedStart': '[añadido:',
  'diff.insertedEnd': ']',
  'diff.deletedStart': '[eliminado:',
  'diff.deletedEnd': ']',
  'diff.statusAdded': 'Sección nueva',
  'diff.statusRemoved': 'Sección eliminada',
  'diff.statusChanged': 'Modificada',
  'diff.statusUnchanged': 'Sin cambios',
  'diff.unchangedSection': 'Esta sección no tiene cambios.',
  'diff.noChanges': 'No hay cambios entre estas dos versiones.',
  'diff.sameVersion': 'Elija dos versiones distintas para compararlas.',
  'diff.singleVersion':
    'Por ahora este documento solo tiene una versión, así que no hay nada que comparar.',
  'diff.compare': 'Comparar',

  'notFound.title': 'No encontramos esta página',
  'notFound.body': 'Es posible que el enlace sea antiguo o tenga un error.',
} satisfies Record<MessageKey, string>;
