import Dialog from 'antd-mobile/es/components/dialog';
import type { TFunction } from 'i18next';

/** Linking certificates arrives in a later release: say so honestly instead of faking it. */
export function showCertificatesComing(t: TFunction) {
  return Dialog.alert({
    title: t('home.certificatesComingTitle'),
    content: t('home.certificatesComingBody'),
    confirmText: t('common.gotIt'),
  });
}

/** The online flow of a service opens in a later release. */
export function showServiceComing(t: TFunction) {
  return Dialog.alert({
    title: t('action.comingTitle'),
    content: t('action.comingBody'),
    confirmText: t('common.gotIt'),
  });
}
