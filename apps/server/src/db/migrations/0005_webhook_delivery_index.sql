-- The webhook page lists and counts deliveries per subscription; without this they scan every job.
CREATE INDEX jobs_webhook_subscription_idx ON jobs ((payload->>'subscriptionId'), created_at) WHERE kind = 'webhook.deliver';
