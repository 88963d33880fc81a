/**
 * AWS list prices used by `despatch cost`, in US dollars, as we understood them in November 2026.
 * They are not fetched (these machines have no internet): check the AWS pricing pages before a
 * budget depends on them, and add a new dated file when they change rather than editing this one.
 */
export interface RegionPrices {
  lambdaArmPerGbSecond: number;
  lambdaPerMillionRequests: number;
  sqsPerMillionRequests: number;
  dynamoPerMillionWriteUnits: number;
  dynamoPerMillionReadUnits: number;
  dynamoStoragePerGbMonth: number;
  dynamoPitrPerGbMonth: number;
  schedulerPerMillionInvocations: number;
  sesPerThousandEmails: number;
  logsIngestPerGb: number;
  logsStoragePerGbMonth: number;
  /** The review page's HTTP API. */
  httpApiPerMillionRequests: number;
  /** Cognito user pool on the Plus feature plan (infra/review.ts), per monthly active user. */
  cognitoPlusPerMau: number;
  /** CloudWatch: a standard-resolution metric alarm, and a dashboard, per month. */
  alarmPerMonth: number;
  dashboardPerMonth: number;
  /** A custom metric (the functions' Powertools metrics), per month it is published every hour; prorated by the hour. */
  customMetricPerMonth: number;
  /** A customer-managed KMS key (the alarm topic's), per month. */
  kmsKeyPerMonth: number;
  /** SNS text message to a UK number (transactional); varies by carrier. */
  smsUkPerMessage: number;
}

export interface FreeTier {
  lambdaGbSeconds: number;
  lambdaRequests: number;
  sqsRequests: number;
  dynamoStorageGb: number;
  schedulerInvocations: number;
  logsGb: number;
  httpApiRequests: number;
  alarms: number;
  dashboards: number;
  customMetrics: number;
}

export const PRICES_AS_OF = '2026-11';

export const prices: Record<string, RegionPrices> = {
  'eu-west-2': {
    lambdaArmPerGbSecond: 0.0000133334,
    lambdaPerMillionRequests: 0.2,
    sqsPerMillionRequests: 0.4,
    dynamoPerMillionWriteUnits: 0.7425,
    dynamoPerMillionReadUnits: 0.1485,
    dynamoStoragePerGbMonth: 0.2975,
    dynamoPitrPerGbMonth: 0.238,
    schedulerPerMillionInvocations: 1.0,
    sesPerThousandEmails: 0.1,
    logsIngestPerGb: 0.5985,
    logsStoragePerGbMonth: 0.0315,
    httpApiPerMillionRequests: 1.11,
    cognitoPlusPerMau: 0.02,
    alarmPerMonth: 0.1,
    dashboardPerMonth: 3.0,
    customMetricPerMonth: 0.3,
    kmsKeyPerMonth: 1.0,
    smsUkPerMessage: 0.0395,
  },
  'us-east-1': {
    lambdaArmPerGbSecond: 0.0000133334,
    lambdaPerMillionRequests: 0.2,
    sqsPerMillionRequests: 0.4,
    dynamoPerMillionWriteUnits: 0.625,
    dynamoPerMillionReadUnits: 0.125,
    dynamoStoragePerGbMonth: 0.25,
    dynamoPitrPerGbMonth: 0.2,
    schedulerPerMillionInvocations: 1.0,
    sesPerThousandEmails: 0.1,
    logsIngestPerGb: 0.5,
    logsStoragePerGbMonth: 0.03,
    httpApiPerMillionRequests: 1.0,
    cognitoPlusPerMau: 0.02,
    alarmPerMonth: 0.1,
    dashboardPerMonth: 3.0,
    customMetricPerMonth: 0.3,
    kmsKeyPerMonth: 1.0,
    smsUkPerMessage: 0.0395,
  },
};

/**
 * The always-free allowances (not the 12-month ones), per month. The HTTP API's million requests
 * are a 12-month allowance: not counted. Cognito's Plus plan has no free users.
 */
export const freeTier: FreeTier = {
  lambdaGbSeconds: 400_000,
  lambdaRequests: 1_000_000,
  sqsRequests: 1_000_000,
  dynamoStorageGb: 25,
  schedulerInvocations: 14_000_000,
  logsGb: 5,
  httpApiRequests: 0,
  alarms: 10,
  dashboards: 3,
  customMetrics: 10,
};
