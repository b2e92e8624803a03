/** Kafka did not confirm in time: the request must be retried, nothing was promised. */
export class KafkaUnavailableError extends Error {
  readonly statusCode = 503;
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
    this.name = 'KafkaUnavailableError';
  }
}
