import Dialog from 'antd-mobile/es/components/dialog';
import type { TFunction } from 'i18next';

/** Login arrives in a later release: say so honestly instead of faking it. */
export function showLoginComing(t: TFunction) {
  return Dialog.alert({
    title: t('login.comingTitle'),
    content: t('login.comingBody'),
    confirmText: t('common.gotIt'),
  });
}

/** A service that needs the citizen to be logged in (and verified). */
export function showNeedLogin(t: TFunction) {
  return Dialog.alert({
    title: t('login.needLoginTitle'),
    content: t('login.needLoginBody'),
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
