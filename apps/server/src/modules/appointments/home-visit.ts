import {
  type AppointmentServiceSpec,
  addressInCity,
  CITY_DISTRICTS,
  type CityCode,
  districtNamed,
  findCity,
  type HomeVisitInput,
} from '@yss/contracts';
import { AppError } from '../../http/app-error.js';
import { type FieldCipher, maskAddress, maskPhone } from '../privacy/index.js';
import { VISIT_ADDRESS_AAD, VISIT_PHONE_AAD } from './present.js';

/**
 * 上门服务 (开锁便民服务): a booking where someone comes to the citizen carries where to come and a phone to call
 * first. Required for such a service (400 with the field's words), refused for the others (where the citizen goes
 * to the slot's place). The guide: 开锁服务支持当前市区范围 — the address must lie in the slot's city, which the
 * service point covers; an address elsewhere would send nobody. Sealed at rest with the data key; the masked copies
 * are what lists show.
 */
export function requireVisit(
  spec: AppointmentServiceSpec,
  visit: HomeVisitInput | undefined,
  slot: { cityCode: CityCode; place: string; address: string },
): HomeVisitInput | null {
  const { cityCode } = slot;
  if (!spec.homeVisit) {
    if (visit === undefined) return null;
    throw new AppError('VALIDATION_FAILED', '该事项需到办理地点办理，无需填写上门地址，请返回重新预约。', [
      { path: 'visit', message: '该事项无需填写上门地址' },
    ]);
  }
  if (visit === undefined) {
    const message = '请填写需要上门的详细地址和联系电话';
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'visit.address', message }]);
  }
  const place = addressInCity(visit.address, cityCode);
  if (!place.inCity) {
    const city = `${findCity(cityCode)?.name ?? ''}市`;
    const message =
      place.reason === 'other-city'
        ? `该地址在${place.cityName}市，上门服务仅支持${city}范围内的地址`
        : `请填写${city}范围内的详细地址，并写明所在区（如：${city}${exampleDistrict(cityCode)}…）`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'visit.address', message }]);
  }
  // A service point named for a district (天河区…开锁上门服务) comes to that district: an address in another district
  // of the city is for that district's point.
  const served = districtNamed(`${slot.place}${slot.address}`, cityCode);
  const given = districtNamed(visit.address, cityCode);
  if (served && given && served !== given) {
    const message = `该服务点上门范围为${served}，您填写的地址在${given}。请修改地址，或选择${given}的服务点`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'visit.address', message }]);
  }
  return visit;
}

function exampleDistrict(cityCode: CityCode): string {
  return CITY_DISTRICTS[cityCode][0] ?? '';
}

/** The columns of a booking for its visit (or nulls), sealed under the booking's id. */
export function visitColumns(cipher: FieldCipher, appointmentId: string, visit: HomeVisitInput | null) {
  if (!visit) {
    return {
      visit_address_encrypted: null,
      visit_address_masked: null,
      visit_phone_encrypted: null,
      visit_phone_masked: null,
    };
  }
  return {
    visit_address_encrypted: cipher.encrypt(visit.address, `${VISIT_ADDRESS_AAD}:${appointmentId}`),
    visit_address_masked: maskAddress(visit.address),
    visit_phone_encrypted: cipher.encrypt(visit.phone, `${VISIT_PHONE_AAD}:${appointmentId}`),
    visit_phone_masked: maskPhone(visit.phone),
  };
}

/** The visit in clear, for the staff who make it (the route audits the read). */
export function openVisit(
  cipher: FieldCipher,
  row: { id: string; visit_address_encrypted: string | null; visit_phone_encrypted: string | null },
): { address: string; phone: string } | null {
  if (!row.visit_address_encrypted || !row.visit_phone_encrypted) return null;
  return {
    address: cipher.decrypt(row.visit_address_encrypted, `${VISIT_ADDRESS_AAD}:${row.id}`),
    phone: cipher.decrypt(row.visit_phone_encrypted, `${VISIT_PHONE_AAD}:${row.id}`),
  };
}
