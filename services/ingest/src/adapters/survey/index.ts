export { redactPersonalData } from '../../privacy/redact.js';
export { COMMENT_LIMIT, type SurveyResponse, surveyResponse } from './schema.js';
export { surveyDeadLetterFields, translateSurveyResponses } from './translate.js';
