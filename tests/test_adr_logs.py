"""Real decision logs, dropped unchanged into ``adrs/`` (issue 10): each validates with no
error, and every record reaches the portal and ``api/platform.json`` with the status its
authors wrote, its supersede links both ways, its images, and the bot names its status.

The logs live under ``tests/fixtures/adr-logs/<name>/log`` (bytes as published; each
``SOURCE.md`` names repository, commit and licence). Logs whose ids cannot collide share
a portal, so the whole module runs five real MkDocs builds.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from example_site import build_site, commit_all

from paved.generator.cli import main
from paved.generator.core.api import check

LOGS = Path(__file__).parent / "fixtures" / "adr-logs"
NOT_RECORDED = "status not recorded"

#: file → the status as the log's authors wrote it (NOT_RECORDED: the log has none).
EXPECTED: dict[str, dict[str, str]] = {
    "adr-tools": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-implement-as-shell-scripts.md": "Accepted",
        "0003-single-command-with-subcommands.md": "Accepted",
        "0004-markdown-format.md": "Accepted",
        "0005-help-comments.md": "Accepted",
        "0006-packaging-and-distribution-in-other-version-control-repositories.md": "Accepted",
        "0007-invoke-adr-config-executable-to-get-configuration.md": "Accepted",
        "0008-use-iso-8601-format-for-dates.md": "Accepted",
        "0009-help-scripts.md": "Accepted",
    },
    "adr-example": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-use-junit-4-12-for-testing.md": "Superceded",
        "0003-use-junit-5-for-testing.md": "Accepted",
    },
    "govuk-aws": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-hosting-platforms.md": "Accepted",
        "0003-aws-networking-outline.md": "Partly superseded",
        "0004-dns-definitions-for-hosts-and-services.md": "Superseded",
        "0005-terraform-module-location.md": "Accepted",
        "0006-puppet-architecture.md": "Pending",
        "0007-puppet-cert-management.md": "Accepted",
        "0008-postgres-on-puppetmaster.md": "Accepted",
        "0009-environment-bootstrapping-process.md": "Pending",
        "0010-terraform-directory-structure.md": "Accepted",
        "0011-migration-strategy.md": "Accepted",
        "0012-security-groups-in-terraform.md": "Accepted",
        "0013-userdata-provisioning-snippets.md": "Pending",
        "0014-launch-config-change-propagation-process.md": "Accepted",
        "0015-dns-infrastructure.md": "Accepted",
        "0016-internal-dns-zones.md": "Accepted",
        "0017-terraform-data-structure.md": "Accepted",
        "0018-use-rds-instead-of-provisioned-ec2-databases.md": "Accepted",
        "0019-centralise-mysql-databases.md": "Accepted",
        "0020-merge-api-postgresql-instance-into-main-postgresql-instance.md": "Accepted",
        "0021-use-acm-for-ssl-purchases-and-terminate-certificates-on-elbs.md": "Accepted",
        "0022-remove-the-elasticsearch-proxy.md": "Accepted",
        "0023-use-separate-data-repository.md": "Accepted",
        "0024-ami-lookups.md": "Accepted",
        "0025-use-elasticache-for-redis.md": "Accepted",
        "0026-remove-load-balancer-tier.md": "Accepted",
        "0027-move-publicapi-away-from-frontend-lb.md": "Accepted",
        "0028-combine-api-mongo-cluster-into-mongo-cluster.md": "Accepted",
        "0029-combine-api-redis-into-backend-redis.md": "Accepted",
        "0030-change-in-architecture-to-asset-master.md": "Accepted",
        "0031-security-group-naming.md": "Pending",
        "0032-transfer-artefact-binary.md": "Accepted",
        "0033-ip-ranges.md": "Pending",
        "0035-bouncer-load-balancer-on-port-80-and-443.md": "Pending",
        "0036-performance-platform-and-backdrop-architecture.md": "Proposed",
        "0037-alb-health-checks.md": "Accepted",
        "0038-mongo_replacement_by_documentdb.md": "Approved",
        "0039-non-govuk-domain-policy.md": "Accepted",
    },
    "madr": {
        **dict.fromkeys(
            (
                "0000-use-markdown-architectural-decision-records.md",
                "0001-use-CC0-or-MIT-as-license.md",
                "0002-do-not-use-numbers-in-headings.md",
                "0004-write-own-toc-tool.md",
                "0005-use-dashes-in-filenames.md",
                "0006-use-names-as-identifier.md",
                "0007-do-not-emphasize-line-headings.md",
                "0008-add-status-field.md",  # 'status: on hold' there is in a code block
                "0009-support-links-between-adrs-inside-an-adrs.md",
                "0010-support-categories.md",
                "0011-use-asterisk-as-list-marker.md",
                "0012-use-curly-braces-to-denote-placeholder.md",
                "0013-use-yaml-front-matter-for-meta-data.md",
                "0014-allow-neutral-arguments.md",
                "0015-include-consulting-informed-of-raci.md",
                "0016-outcome-before-detailed-pros-cons.md",
                "0017-use-same-format-for-outcomes-and-options.md",
                "0018-use-confirmation-as-heading.md",
            ),
            NOT_RECORDED,
        ),
        "0003-provide-own-madr-tools.md": "on hold",
    },
    "log4brains": {
        "20200924-use-markdown-architectural-decision-records.md": "accepted",
        "20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna.md": "accepted",
        "20200925-use-prettier-eslint-airbnb-for-the-code-style.md": "accepted",
        "20200926-use-the-adr-number-as-its-unique-id.md": "superseded",
        "20200927-avoid-default-exports.md": "accepted",
        "20201016-use-the-adr-slug-as-its-unique-id.md": "accepted",
        "20201026-the-core-api-is-responsible-for-enhancing-the-adr-markdown-body-with-mdx.md": (
            "accepted"
        ),
        "20201103-use-lunr-for-search.md": "accepted",
        "20210113-distribute-log4brains-as-a-global-npm-package.md": "accepted",
    },
    "odc-madr2": {
        "0000-record-architecture-decisions.md": "accepted",
        "0001-use-markdown-architectural-decision-records.md": "accepted",
        "0002-use-cc0-1-0-as-license.md": "accepted",
        "0003-use-semantic-versioning.md": "accepted",
        "0004-use-0-0-0-as-initial-unreleased-version-number.md": "accepted",
        "0005-use-conventional-commits.md": "accepted",
        "0006-always-fill-status-and-date-in-adr.md": "accepted",
        "0007-use-conventional-changelog-format-for-conventional-commits.md": "accepted",
        "0008-use-github-as-main-hub-for-the-opinionated-digital-center.md": "accepted",
    },
    "backstage": {
        "adr001-add-adr-log.md": NOT_RECORDED,
        "adr003-avoid-default-exports.md": NOT_RECORDED,
        "adr007-use-msw-to-mock-service-requests.md": NOT_RECORDED,
    },
    "dotgov": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0010-django-templates.md": "Approved",
        "0012-user-models.md": "Superseded",
        "0014-dotgov-content-organization.md": "Proposed",
        "0020-user-models-revisited-plus-whois.md": "Accepted",
        "0023-use-geventconnpool.md": "Accepted",  # dated 2023-13-10
        "0025-caching.md": "In Review",
        "0027-ajax-for-dynamic-content.md": "Approved",
        "0028-portfolio-session-management.md": "Approved",  # under '# Status'
        "0032-reintroduce-epp-connection-pool.md": "Under Review",
    },
    "ethersync": {
        "00-use-markdown-any-decision-records.md": NOT_RECORDED,
        "01-use-operational-transform-as-editor-backend-protocol.md": "accepted",
        "02-working-with-vims-eol-behavior.md": "draft",
        "03-process-structure.md": "accepted",
        "04-file-saving.md": "accepted",
        "05-crdt-library.md": "accepted",
        "06-operational-transform-in-rust.md": "accepted",
        "07-cursor-positions.md": "superseded",
        "08-secure-connections.md": "accepted",
        "09-multi-file.md": "accepted",
        "10-cursor-positions-ephemeral.md": "proposed",
    },
    "adyen": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-matching-adyen-notification.md": "Deprecated",
        "0003-matching-adyen-notification-in-multitenancy.md": "Accepted",
        "0004-notification-error-handling.md": "Accepted",
        "0005-adding-line-items.md": "Approved",
        "0006-transaction-update-success-to-failure.md": "Approved",
        "0007-pre-auth-and-auth-adjustment.md": "Approved",
        "0008-idempotency-key.md": "Approved",
        "0009-non-payment-operations-using-payment.md": "Approved",
        "0010-generate-idempotency-key.md": "Approved",
        "0011-matching-adyen-notification.md": "Accepted",
        "0012-remove-obsoleted-api-call.md": "Deprecated",
        "0013-add-support-for-advanced-checkout-flow.md": "Accepted",
    },
    "dsp-api": {
        "ADR-0005-change-respondermanager-to-a-simple-case-class.md": "Accepted",
        "ADR-0006-use-zio-http.md": "Accepted",
        "ADR-0007-zio-fication-of-responders.md": "Superseded",
        "ADR-0008-replace-akka-with-pekko.md": "Accepted",
        "ADR-0009-api-v3.md": "Accepted",
        "ADR-0010-api-v3-basics.md": NOT_RECORDED,
    },
    "jabref": {
        "0000-use-markdown-architectural-decision-records.md": NOT_RECORDED,
        "0023-localized-preferences.md": NOT_RECORDED,
        "0042-use-markdowntextflow-for-summarization-content.md": "accepted",
        "0045-use-input-flag-always-for-input-files.md": "superseded",
        "0047-use-references-heading-in-citations-tab.md": "accepted",
        "0049-hardcode-fieldnames.md": "accepted",
        "0057-allow-positional-input-file-argument.md": "accepted",
        "0061-jabsrv-reload-via-mtime-polling.md": "accepted",
    },
    "brighter": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0003-use-claim-check-for-large-messages.md": "Proposed",
        "0020-reduce-esb-complexity.md": "Deprecated",
        "0037-add-messaging-gateway-generated-test.md": "Accepted",
        "0037-provide-roslyn-analyzers-for-brighter.md": "Proposed",
        "0037-reject-message-on-error-handler.md": "Accepted",
        "0057-replay-outbox-on-inbox-duplicate.md": "Accepted",
        "0066-release-factory-instances-on-an-opaque-lease.md": "Accepted",
    },
    "vsecm": {
        "20240509-adr-0001-use-log4brains-to-manage-the-adrs.md": "accepted",
        "20240509-adr-0002-use-markdown-architectural-decision-records.md": "accepted",
        "20240509-adr-0003-vsecm-will-be-scoped-to-work-on-kubernetes-only.md": "accepted",
        "20240510-adr-0004-be-practically-secure.md": "accepted",
        "20240510-adr-0005-be-resilient-by-default.md": "accepted",
        "20240510-adr-0009-have-at-least-50percent-test-coverage.md": "accepted",
        "20240510-adr-0011-keep-things-minimal-do-one-thing-well.md": "accepted",
        "20240510-adr-0012-all-files-shall-have-a-spdx-license-header.md": "accepted",
        "20240714-adr-0020-vsecm-does-not-control-expiration-of-secrets.md": "accepted",
        "20240715-adr-0022-use-the-latest-stable-dependencies.md": "accepted",
    },
    "moj": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-use-iam-federated-access.md": "Rejected",
        "0004-use-bash-node-python-as-core-languages.md": "Superseded",
        "0017-monitoring-and-alerting.md": "Accepted",
        "0019-use-bash-go-as-core-languages.md": "Accepted",
        "0025-non-standard-user-infrastructure.md": "Superseded",
        "0043-enforce-s3-kms-encryption-with-scp-guardrails.md": "Proposed",
    },
    "hyades": {
        "001-drop-kafka-dependency.md": "Proposed",
        "004-file-storage-plugin.md": "Accepted",
        "007-spec-first-rest-api-v2.md": "Accepted",
        "008-sbom-push-with-gitlab-token.md": "Proposed",
        "016-user-managed-vuln-policies.md": "Accepted",
    },
    "pix": {
        "0007-calcul-des-pix.md": "Accepted",
        "0018-specifier-version-nodejs.md": "Accepté",
        "0024-encapsuler-appel-http.md": "Adopté",
        "0049-specifier-version-nodejs.md": "En discussion",
    },
    "golang-template": {
        "0001-record-architecture-decisions.mdx": "Accepted",
        "0002-use-conventional-commits.mdx": "Accepted",
        "0003-adopt-standard-go-project-layout.mdx": "Accepted",
    },
    "odh": {
        "ODH-ADR-0001-use-architecture-decision-records-for-open-data-hub.md": "Draft",
        "ODH-ADR-0003-use-apache-2-0-licence.md": "Accepted",
        "ODH-ADR-0006-organization-membership-automation.md": "Approved",
        "automl/ODH-ADR-0001-automl.md": "Approved",
        "autorag/ODH-ADR-0001-autorag.md": "Approved",
        "distributed-workloads/ODH-ADR-DW-0001-determine-codeflare-deployment-strategy.md": (
            "Review"
        ),
        "eval-hub/ODH-ADR-EH-0001-eval-hub-service.md": "Draft",
        "operator/ODH-ADR-Operator-0005-configure-resources.md": "Draft",
        "operator/ODH-ADR-Operator-0006-internal-api.md": "Approved",
        "operator/ODH-ADR-Operator-0007-auth-crd.md": "Accepted",
        "operator/ODH-ADR-Operator-0007-components-version-mapping.md": "Approved",
        "operator/ODH-ADR-Operator-0008-resources-lifecycle.md": "TBD",
        "operator/ODH-ADR-Operator-0010-Observability-component metrics scraping.md": "Proposed",
    },
    "celestia": {
        "adr-001-abci++-adoption.md": "Implemented",
        "adr-005-qgb-reduce-state-usage.md": "Deprecated",
        "adr-006-non-interactive-defaults.md": "Implemented",
        "adr-009-non-interactive-default-rules-for-reduced-padding.md": "Superseded",
        "adr-010-remove-wire-msg-pay-for-blob.md": "Implemented",
        "adr-011-optimistic-blob-size-independent-inclusion-proofs-and-pfb-fraud-proofs.md": (
            "Accepted"
        ),
        "adr-013-non-interactive-default-rules-for-zero-padding.md": "Implemented",
        "adr-018-network-upgrades.md": "Proposed",
        "adr-027-single-sequencer-ordering-fibre.md": "DRAFT",
        "adr-draft-spectrum-spec.md": "Draft",
    },
    "ibc-go": {
        "adr-001-coin-source-tracing.md": "Implemented",
        "adr-002-go-module-versioning.md": "Accepted",
        "adr-003-ics27-acknowledgement.md": "Accepted",
        "adr-004-ics29-lock-fee-module.md": "Accepted",
        "adr-005-consensus-height-events.md": "Accepted",
        "adr-006-02-client-refactor.md": "Accepted",
        "adr-007-solomachine-signbytes.md": "Accepted",
        "adr-008-app-caller-cbs.md": "Accepted",
        "adr-009-v6-ics27-msgserver.md": "Accepted",
        "adr-010-light-clients-as-sdk-modules.md": "Proposed",
        "adr-011-transfer-total-escrow-state-entry.md": "Accepted",
        "adr-015-ibc-packet-receiver.md": "Proposed",
        "adr-025-ibc-passive-channels.md": "deprecated",
        "adr-026-ibc-client-recovery-mechanisms.md": "Accepted",
        "adr-027-ibc-wasm.md": "Accepted",
    },
    "govuk-forms": {
        "ADR000-record-architecture-decisions.md": "Accepted",
        "ADR001-implement-continuous-deployment.md": "Accepted",
        "ADR002-use-govuk-notify.md": "Superseded",
        "ADR003-use-govuk-signon.md": "Superseded",
        "ADR004-store-form-schemas-in-an-api.md": "Superseded",
        "ADR005-use-shared-runner.md": "Accepted",
        "ADR006-use-rust-for-api.md": "Rejected",
        "ADR007-store-form-text-data-as-objects.md": "Superseded",
        "ADR008-page-ordering-defined-by-pointers.md": "Accepted",
        "ADR009-replatforming-to-ECS.md": "Accepted",
        "ADR010-rds-configuration.md": "Accepted",
        "ADR011-deployment-pipelines.md": "Accepted",
        "ADR012-use-rails-api-for-api.md": "Accepted",
        "ADR013-use-paper-trail-gem-for-auditing-and-record-backups.md": "Superseded",
        "ADR014-add-conditions-to-pages.md": "Accepted",
        "ADR015-idp-authentication.md": "Accepted",
        "ADR016-use-vite-rails-for-frontend-build.md": "Accepted",
        "ADR017-use-paper-trail-for-draft-live-or-some-other-solution.md": "Rejected",
        "ADR018-use-govuk-organisation-api.md": "Proposed",
        "ADR019-use-amazon-ses.md": "Accepted",
        "ADR020-e2e-tests-get-own-repo.md": "Accepted",
        "ADR021-use-auth0.md": "Accepted",
        "ADR022-use-postgresql-for-form-creation-in-form-admin.md": "Accepted",
        "ADR023-use-uid-in-urls.md": "Accepted",
        "ADR024-store-allowed-domain-list-as-file-in-forms-deploy.md": "Accepted",
        "ADR025-remove-papertrail.md": "Accepted",
        "ADR025-use-aasm-to-manage-form-state.md": "Accepted",
        "ADR026-paramaterise-common-terraform-roots.md": "Accepted",
        "ADR027-scheduled-smoke-tests.md": "Accepted",
        "ADR028-use-notify-for-users.md": "Accepted",
        "ADR029-use-shield-advanced.md": "Accepted",
        "ADR030-use-aws-lambda-to-run-glue-code.md": "Accepted",
        "ADR031-use-pagerduty.md": "Accepted",
        "ADR032-use-statuspage.md": "Accepted",
        "ADR033-swapping-jest-vitest.md": "Accepted",
        "ADR034-api-v2-for-forms.md": "Accepted",
        "ADR035-offer-amazon-s3-form-submissions.md": "Accepted",
        "ADR036-automate-patch-version-bumps.md": "Accepted",
        "ADR037-implement-review-apps.md": "Accepted",
        "ADR038-add-psql-database-and-solid-queue-to-forms-runner.md": "Approved",
        "ADR039-add-aurora-for-runner.md": "Accepted",
        "ADR040-make-container-image-tags-mutable.md": "Accepted",
        "ADR041-grant-review-apps-workflow-pull-request-write-access.md": "Accepted",
        "ADR041-use-activerecord-encryption.md": "Accepted",
        "ADR042-use-amazon-s3-file-uploads.md": "Accepted",
        "ADR043-use-mobility-with-column-strategy.md": "Superseded",
        "ADR044-translate-api-response-at-request-time.md": "Accepted",
        "ADR045-remove-forms-api.md": "Accepted",
        "ADR046-use-mobility-table-backend-strategy.md": "Accepted",
        "ADR047-compute-submission-status-from-timestamps.md": "Proposed",
    },
    "tdr": {
        "0001-multi-account-terraform.md": NOT_RECORDED,
        "0006-user-data-model.md": NOT_RECORDED,
        "0007-s3-user-access-to-objects.md": "superseded",  # "has been superseded by"
        "0008-keycloak-user-administrators-configuration.md": "superseded",
        "0009-keycloak-user-administrators-configuration.md": NOT_RECORDED,
        "0015-govuk-notify-staging-configuration.md": "superseded",
        "0018-govkuk-notify-staging-configuration.md": NOT_RECORDED,
        "0022-cloudfront-upload-proxy.md": NOT_RECORDED,
        "0026-temporary_series_workflow.md": NOT_RECORDED,
        "0033-dta-review-user-permissions.md": NOT_RECORDED,
    },
    "cometbft": {
        "adr-100-data-companion-push-api.md": "Rejected",
        "adr-105-refactor-mempool-senders.md": "Reverted",
        "adr-108-e2e-abci++.md": "Implemented",
        "adr-110-remote-mempool.md": "Rejected",
        "adr-111-nop-mempool.md": "Accepted",
        "adr-112-proposer-based-timestamps.md": "Accepted",
        "adr-114-undo-109.md": "Accepted",
        "tendermint-core/adr-001-logging.md": "Implemented",
        "tendermint-core/adr-006-trust-metric.md": "Approved",
        "tendermint-core/adr-012-peer-transport.md": "In Review",
        "tendermint-core/adr-023-ABCI-propose-tx.md": "Pending",
        "tendermint-core/adr-024-sign-bytes.md": "Partially Accepted",
        "tendermint-core/adr-036-empty-blocks-abci.md": NOT_RECORDED,
        "tendermint-core/adr-037-deliver-block.md": "In review",
        "tendermint-core/adr-058-event-hashing.md": "Declined",
        "tendermint-core/adr-063-privval-grpc.md": "Accepted",
    },
    "moj-cloud-platform": {
        "000-Record-Architecture-Decisions.md": "Accepted",
        "001-Use-AWS-hosted-elasticsearch.md": "Accepted",
        "002-Use-github-for-architecture-decision-record.md": "Accepted",
        "003-Use-Concourse-CI.md": "Accepted",
        "004-use-kubernetes-for-container-management.md": "Accepted",
        "005-ECR-monitoring-and-alerting.md": "Accepted",
        "006-Use-github-as-user-directory.md": "Accepted",
        "007-Use-ECR-As-Container-Registry.md": "Accepted",
        "008-Support-Deployments-from-Third-Party-CI.md": "Accepted",
        "009-Naming-convention-for-clusters.md": "Accepted",
        "010-live-0-to-live-1-Cluster.md": "Accepted",
        "011-Introduce-Open-Policy-Agent.md": "Accepted",
        "012-One-cluster-for-dev-staging-prod.md": "Accepted",
        "013-Use-RSpec-for-cluster-tests.md": "Accepted",
        "014-Why-we-build-our-own-kubernetes-cluster.md": "Accepted",
        "015-Keeping-Terraform-modules-up-to-date.md": "Accepted",
        "016-Kibana-is-open-to-all-service-teams.md": "Accepted",
        "017-Variable-Naming.md": "Proposed",
        "018-Dedicated-Ingress-Controllers.md": "Rejected",
        "019-Shared-Ingress-Controllers.md": "Proposed",
        "020-Environments-and-Pipeline.md": "Proposed",
        "021-Multi-cluster.md": "Superseded",
        "022-EKS.md": "Accepted",
        "023-Logging.md": "Accepted",
        "024-SSO-for-CP-Team-to-access-AWS.md": "Proposed",
        "025-Domain-names.md": "Accepted",
        "026-Managed-Prometheus.md": "Proposed",
        "027-AWS-Console-access-for-users.md": "Proposed",
        "028-Repo-vulnerability-scanning.md": NOT_RECORDED,
        "029-Kubernetes-security-config-auditing.md": NOT_RECORDED,
        "030-AWS-root-user-security.md": NOT_RECORDED,
        "031-Image-vulnerability-scanning.md": NOT_RECORDED,
        "033-Manager-cluster.md": "Accepted",
        "034-EKS-Fargate.md": "Incomplete",
        "035-deprecated-tls-versions.md": "Accepted",
        "036-multi-cluster.md": "Accepted",
        "037-serverless.md": "Rejected",
        "038-split-components-infrastructure.md": "Incomplete",
        "039-AWS-Network-Firewall.md": "Accepted",
        "040-use-github-actions.md": "Accepted",
        "041-decommission-cp-cli-tool.md": "Accepted",
        "042-use-modernisation-platform-accounts.md": "Accepted",
        "043-new-cidr-ranges.md": "Accepted",
        "044-naming-container-platform.md": "Accepted",
        "045-use-a-private-eks-endpoint.md": "Accepted",
        "046-use-ecr-for-all-user-images.md": "Accepted",
        "047-use-karpenter-for-scaling.md": "Accepted",
        "048-per-business-unit-clusters.md": "Accepted",
        "049-use-cluster-accounts-for-resources.md": "Accepted",
    },
    "nhs-template": {
        "ADR-001_Use_git_hook_and_GitHub_action_to_check_the_editorconfig_compliance.md": "RFC",
        "ADR-002_Scan_repository_for_hardcoded_secrets.md": "RFC",
        "ADR-003_Acceptable_use_of_GitHub_PAT_and_Apps_for_authN_and_authZ.md": "RFC",
        "ADR-XXX_Agree_CICD_pipeline_structure.md": NOT_RECORDED,
    },
    "zlv": {
        "20240516132303-use-markdown-any-decision-records.md": NOT_RECORDED,
        "20240603162604-msw-pour-mocker-l-api-dans-les-tests-front.md": "proposé",
        "20260805142324-millesime-inclus-provenance-d-import-et-non-presence-lovac.md": "accepté",
        "20260805163000-attribution-des-metriques-d-usage-par-evenement-utilisateur.md": "accepté",
    },
    "ans": {
        "0001-choix-du-modele-adr.md": "proposé",
        "0002-licence-des-projets-github.md": "proposé",
    },
    "phodal-adr": {
        "0001-编写完整的单元测试.md": "完成",
        "0002-添加目录生成.md": "完成",
        "0003-图形生成功能.md": "完成",
        "0004-生成图形关系.md": "通过",
        "0005-保持功能与-adr-tools-基本一致.md": "已弃用",
        "0006-添加-update-功能来通过内容更新文件.md": "完成",
        "0007-在-list-展示-adr-的状态.md": "完成",
        "0008-使用-logs-查看指定-index-状态记录.md": "完成",
        "0009-提供多语言支持.md": "通过",
        "0010-更友好的-cli.md": "提议",
        "0011-添加-3-位数到-4-位数升级的支持.md": "完成",
        "0012-重构重复代码到-typescript-风格.md": "通过",
        "0013-考虑添加-link-cli-来映射对应关系.md": "提议",
        "0014-考虑添加-tag-cli-来使用标签查询.md": "提议",
        "0015-考虑添加-export-功能来导出-adr.md": "完成",
        "0016-使用不同色彩来标注不同的状态.md": "完成",
        "0017-生成-html-报表.md": "完成",
        "0018-考虑添加对-vs-code-和-atom-编辑器的插件支持.md": "提议",
        "0019-添加-e2e-测试.md": "提议",
        "0020-i18n-增加更新语言功能.md": "提议",
        "0021-思考更好的-adr-格式.md": "提议",
        "0022-考虑添加索引前缀等参数来匹配一些额外的情况.md": "完成",
        "0023-可以使用命令行修改状态.md": "提议",
        "0024-支持自定义模板路径.md": "提议",
    },
    "gsa-notify": {
        "0001-establishing-adrs-for-us-notify.md": "Accepted",
        "0002-how-to-handle-timezones.md": "Accepted",
        "0003-implementing-invite-expirations.md": "Accepted",
        "0004-designing-pilot-content-visibility.md": "Proposed",
        "0005-agreement-data-model.md": "Accepted",
        "0006-use-for-dependency-management.md": "Implemented",
        "0007-adr-manage-total-record-retention-dynamically.md": "Accepted",
        "0008-adr-handle-paid-quotas-at-the-organization-level.md": "Accepted",
        "0009-adr-implement-backstopjs-to-improve-qa.md": "Accepted",
        "0010-adr-celery-pool-support-best-practice.md": "Accepted",
        "0011-adr-delivery-receipts-updates.md": "Accepted",
        "0012-adr-report-generation.md": "Accepted",
        "0013-log-debug-tags.md": "Accepted",
        "0014-adr-localize-notifications-python-client.md": "Accepted",
        "0015-async-report-generation.md": "Accepted",
    },
    "capi": {
        "20181121-machine-api.md": NOT_RECORDED,
        "20190919-machinepool-api.md": "provisional",
        "20191016-clusterctl-redesign.md": "implementable",
        "20200506-conditions.md": "replaced",
        "20240807-in-place-updates.md": "experimental",
        "20240916-improve-status-in-CAPI-resources.md": "implementable",
        "20250124-From CAPD(docker) to CAPD(dev) .md": "implementable",
    },
    "govuk-infra": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-use-aws-eks-terraform-module.md": "Accepted",
        "0003-split-terraform-state-into-separate-aws-cluster-and-kubernetes-resource-phases.md": (
            "Accepted"
        ),
        "0004-use-aws-load-balancer-controller-for-edge-traffic-services.md": "Accepted",
        "0005-use-eks-managed-node-groups.md": "Accepted",
        "0006-use-helm-for-application-package-management.md": "Accepted",
        "0007-use-fluentbit-elasticsearch-and-kibana-for-application-logs.md": "Deprecated",
        "0008-use-external-secrets-for-secrets-storage.md": "Accepted",
        "0009-use-external-dns-for-dns-record-management.md": "Accepted",
        "0010-use-dex-idp-for-user-web-authentication.md": "Accepted",
        "0011-use-graviton-for-compute-instances.md": "Accepted",
        "0012-non-govuk-domain-policy.md": "Accepted",
        "0013-expose-external-metrics-for-hpa.md": "Accepted",
        "0014-replace-terraform-cloud.md": "Accepted",
        "0015-maintain-a-readonly-role.md": "Accepted",
        "0016-use-iam-roles-for-services.md": "Accepted",
        "0017-retire-use-of-github-topics-for-config-management.md": "Accepted",
        "0018-use-concourse-ci.md": "Accepted",
        "0019-restructure-cicd.md": "Accepted",
        "0020-use-crossplane-for-abstraction.md": "Accepted",
        "0021-give-fastly-cname-records-a-TTL-of-300.md": "Accepted",
        "0022-use-pkl-for-configuration.md": "Accepted",
        "0023-use-opa-gatekeeper.md": "Accepted",
        "0024-use-of-admission-policy.md": "Accepted",
    },
    "msl": {
        "deutsch/adr-001-de.md": "In Arbeit",
        "deutsch/adr-002-de.md": "In Arbeit",
        "deutsch/adr-003-de.md": "In Arbeit",
        "deutsch/adr-004-de.md": "In Arbeit",
        "deutsch/adr-005-de.md": "Entwurf",
        "deutsch/adr-006-de.md": "Entwurf",
        "deutsch/adr-007-de.md": "Entwurf",
        "english/adr-001.md": "draft",
        "english/adr-002.md": "draft",
        "english/adr-003.md": "draft",
        "english/adr-004.md": "draft",
        "english/adr-005.md": "draft",
        "english/adr-006.md": "draft",
        "english/adr-007.md": "draft",
    },
    "adr-manager": {
        "0000-use-markdown-architectural-decision-records.md": NOT_RECORDED,
        "0001-use-vue.js.md": "accepted",
        "0002-use-antlr-for-parsing-adrs.md": "accepted",
        "0003-use-pizzly-as-backend.md": "accepted",
        "0004-implement-a-global-store.md": "accepted",
    },
    # one file, one record per "## ADR n:" section (the portal keys them path#id)
    "pitstop": {
        "adr.md#ADR-0001": "DISCARDED",
        "adr.md#ADR-0002": "DECIDED",  # under "## ARD 2:"
        "adr.md#ADR-0003": "DECIDED",
        "adr.md#ADR-0004": "DECIDED",
        "adr.md#ADR-0005": "DECIDED",
    },
    "fiat": {
        **dict.fromkeys(
            (
                "0001-record-architecture-decisions.md",
                "0002-use-netescapades-for-security-headers.md",
                "0003-authorization-bypass-for-ui-autotests.md",
                "0004-connect-to-academies-db-directly.md",
                "0005-do-not-run-automated-ui-tests-on-webkit.md",
                "0006-use-hardcoded-free-school-meals-statistics-data.md",
                "0007-use-mis-for-ofsted-data.md",
                "0009-memory-cache-frequently-accessed-data.md",
                "0010-only-fetch-data-required-to-render-a-page.md",
                "0011-use-feature-managment-to-control-release-of-upcoming-features.md",
                "0012-use-closedxml-library-for-excel-file-manipulation.md",
                "0013-private-gias-trust-contacts-data.md",
                "0014-use-sql-server-temporal-tables.md",
                "0015-use-test-containers-to-unit-test-fiat-database.md",
                "0016-run-fiat-database-migrations-on-docker-container-start.md",
                "0017-create-new-cypress-suite.md",
                "0018-use-the-inter-font-npm-package.md",
                "0019-ui-tests-against-dev.md",
                "0020-pipeline-academies-from-adb.md",
                "0021-add-new-table-for-school-contacts.md",
            ),
            "Accepted",
        ),
        "0008-release-notes.md": "To be discussed",  # "... with wider team"
    },
    "stackmon": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-intro.md": "accepted",
        "0003-cloudmon.md": "Accepted",
        "0004-stackmon.md": "Accepted",
    },
    "swe-conform": {
        **dict.fromkeys(
            (
                "0001_record_architecture_decisions.md",
                "0002_use_a_fixed_thread_pool.md",
                "0004_separate_cache_and_agent_workspaces.md",
                "0005_run_codex_in_containers.md",
                "0006_separate_candidate_screening_from_scope_review.md",
                "0008_use_bedrock_for_luna_classification.md",
                "0009_centralize_classification_experiment_defaults.md",
                "0010_stream_classification_from_bare_git_caches.md",
                "0011_verify_cached_snapshots_before_classification.md",
                "0013_bound_file_classification_retries.md",
                "0014_allow_explicit_repository_sources.md",
                "0015_keep_raw_provider_responses_in_checkpoints.md",
                "0016_aggregate_exact_markdown_content.md",
                "0017_materialize_validated_guideline_collection.md",
                "0019_apply_human_authored_license_allowlist.md",
                "0020_balance_guideline_repositories_by_language.md",
                "0022_reuse_compatible_collection_screenings.md",
                "0023_classify_repositories_before_license_and_scope_review.md",
            ),
            "Accepted",
        ),
        "0003_defer_license_review_to_humans.md": "Superseded",
        "0007_use_provider_specific_file_classification.md": "Superseded",
        "0012_collect_stratified_repositories_until_target.md": "Superseded",
        "0021_apply_license_policy_after_stratified_sampling.md": "Superseded",
    },
    "wins": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-add-system-agent-support-to-wins.md": "Accepted",
        "0003-system-agent-configuration.md": "Accepted",
        "0004-csi-proxy-and-configuration.md": "Approved",
    },
    "crem": dict.fromkeys(
        (
            "2023-01-12-use-single-line-haddock-comments.yaml",
            "2023-01-13-always-allow-identity-transitions.yaml",
            "2023-01-17-add-parallel-and-alternative-constructors.yaml",
            "2023-01-25-loop-constructor.yaml",
            "2023-01-30-feedback-constructor.yaml",
            "2023-02-13-disable-global-overloaded-strings.yaml",
            "2023-03-09-use-cabal-in-CI.yaml",
            "2026-04-09-renounce-literate-haskell.yaml",
            "2026-04-10-remove-macos-from-ci.yaml",
        ),
        NOT_RECORDED,
    ),
    "wiley": {
        "0001-record-architecture-decisions.md": "Accepted",
        "0002-python.md": "Accepted",
        "0003-dss.md": "Accepted",
        "0004-airflow.md": "Proposed",
        "0005-dynamoDB.md": "Proposed",
    },
}

#: (log, old file, new file): the record replaced and the one that replaced it. govuk-aws
#: writes only the old side, the others both (adr-tools' "Supercedes", log4brains' Links).
CHAINS = [
    ("adr-example", "0002-use-junit-4-12-for-testing.md", "0003-use-junit-5-for-testing.md"),
    (
        "govuk-aws",
        "0004-dns-definitions-for-hosts-and-services.md",
        "0015-dns-infrastructure.md",
    ),
    (
        "log4brains",
        "20200926-use-the-adr-number-as-its-unique-id.md",
        "20201016-use-the-adr-slug-as-its-unique-id.md",
    ),
    ("dotgov", "0012-user-models.md", "0020-user-models-revisited-plus-whois.md"),
    ("ethersync", "07-cursor-positions.md", "10-cursor-positions-ephemeral.md"),
    (
        "moj",
        "0004-use-bash-node-python-as-core-languages.md",
        "0019-use-bash-go-as-core-languages.md",
    ),
    (
        "jabref",
        "0045-use-input-flag-always-for-input-files.md",
        "0057-allow-positional-input-file-argument.md",
    ),
    ("govuk-forms", "ADR002-use-govuk-notify.md", "ADR019-use-amazon-ses.md"),
    (
        "govuk-forms",
        "ADR043-use-mobility-with-column-strategy.md",
        "ADR046-use-mobility-table-backend-strategy.md",
    ),
    (
        "tdr",
        "0008-keycloak-user-administrators-configuration.md",
        "0009-keycloak-user-administrators-configuration.md",
    ),
    (  # both links name a misspelt file; the number finds the record
        "tdr",
        "0015-govuk-notify-staging-configuration.md",
        "0018-govkuk-notify-staging-configuration.md",
    ),
    (  # "⌛️ Superseded by [036. Multi-cluster](036-multi-cluster.md)", one side only
        "moj-cloud-platform",
        "021-Multi-cluster.md",
        "036-multi-cluster.md",
    ),
    (  # KEP front matter: "status: replaced", "superseded-by: <file name>", one side only
        "capi",
        "20200506-conditions.md",
        "20240916-improve-status-in-CAPI-resources.md",
    ),
    (  # "Implemented. Superseded by [ADR-013](...)."
        "celestia",
        "adr-009-non-interactive-default-rules-for-reduced-padding.md",
        "adr-013-non-interactive-default-rules-for-zero-padding.md",
    ),
    (  # "- Superseded by: ADR-0019" / "- Supersedes: ADR-0003", underscore file names
        "swe-conform",
        "0003_defer_license_review_to_humans.md",
        "0019_apply_human_authored_license_allowlist.md",
    ),
    (
        "swe-conform",
        "0021_apply_license_policy_after_stratified_sampling.md",
        "0023_classify_repositories_before_license_and_scope_review.md",
    ),
]

#: (log, record, image next to it that the record shows)
IMAGES = [
    (
        "govuk-aws",
        "0027-move-publicapi-away-from-frontend-lb.md",
        "0027-move-publicapi-away-from-frontend-lb-img01.jpg",
    ),
    ("govuk-aws", "0032-transfer-artefact-binary.md", "0032-transfer-artefact-binary-img01.png"),
    ("moj", "0017-monitoring-and-alerting.md", "images/monitoring-and-alerting.png"),
    ("madr", "0008-add-status-field.md", "0008-example-badge.png"),
    ("madr", "0013-use-yaml-front-matter-for-meta-data.md", "0013-example.png"),
    (  # a record in a subfolder, its image in a folder next to it
        "odh",
        "operator/ODH-ADR-Operator-0006-internal-api.md",
        "operator/assets/ODH-ADR-Operator-0006/odh-operator-current.png",
    ),
    ("tdr", "0006-user-data-model.md", "images/user-data-model.png"),
    ("capi", "20191016-clusterctl-redesign.md", "images/clusterctl-redesign/init.png"),
]

#: Logs that share a portal (their ids cannot collide).
GROUPS = [
    ("govuk-aws", "log4brains", "backstage", "vsecm"),
    ("madr",),
    ("adr-tools",),
    ("adr-example", "dsp-api"),
    ("odc-madr2",),
    ("dotgov", "pix"),
    ("adyen", "jabref"),
    ("ethersync",),
    ("brighter", "hyades"),
    ("moj",),
    ("odh", "tdr"),
    ("celestia",),
    ("ibc-go",),
    ("govuk-forms",),
    ("cometbft",),
    ("golang-template",),
    ("moj-cloud-platform",),
    ("zlv", "capi", "ans"),
    ("phodal-adr",),
    ("gsa-notify",),
    ("govuk-infra",),
    ("nhs-template",),
    ("msl",),
    ("adr-manager",),
    ("fiat",),
    ("pitstop",),
    ("stackmon",),
    ("swe-conform",),
    ("wins",),
    ("wiley",),
    ("crem",),
]
FIRST_COMMIT = "2024-05-01T12:00:00+00:00"

MKDOCS_YML = """\
site_name: Adopted decision logs
theme:
  name: material
plugins:
  - search
  - paved:
      adr_statuses:
        in discussion: proposed
"""


class Portal:
    def __init__(self, root: Path, site: Path) -> None:
        self.root = root
        self.site = site
        data = json.loads((site / "api" / "platform.json").read_text(encoding="utf-8"))
        paths = Counter(d["path"] for d in data["decisions"])
        self.decisions: dict[str, dict[str, Any]] = {  # a one-file log's records: path#id
            d["path"] if paths[d["path"]] == 1 else f"{d['path']}#{d['id']}": d
            for d in data["decisions"]
        }
        self.by_id = {d["id"]: d for d in data["decisions"]}

    def record(self, name: str) -> dict[str, Any]:
        return self.decisions[f"adrs/{name}"]

    def page(self, name: str) -> str:
        url = self.record(name)["url"]
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def portals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Portal]:
    """One built portal per group, under git (dates from the first commit)."""
    out: dict[str, Portal] = {}
    for group in GROUPS:
        base = tmp_path_factory.mktemp("-".join(group))
        root = base / "repo"
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "guide.md").write_text("# Guide\n\nHow we decide.\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        for log in group:
            shutil.copytree(LOGS / log / "log", root / "adrs", dirs_exist_ok=True)
        commit_all(root, author="Archivist", date=FIRST_COMMIT)
        build_site(root, base / "site")
        for log in group:
            out[log] = Portal(root, base / "site")
    return out


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("group", GROUPS, ids=["+".join(g) for g in GROUPS])
def test_each_log_validates_with_no_errors(
    group: tuple[str, ...], portals: dict[str, Portal]
) -> None:
    found = check(portals[group[0]].root).diagnostics
    assert [f"{d.location} {d.code} {d.message}" for d in found if d.is_error] == []


@pytest.mark.parametrize("log", sorted(EXPECTED))
def test_every_record_has_its_authors_status_in_the_api_and_the_portal(
    log: str, portals: dict[str, Portal]
) -> None:
    portal = portals[log]
    for name, status in EXPECTED[log].items():
        record = portal.record(name)
        shown = record["status_written"] or NOT_RECORDED
        assert shown == status, name
        assert record["status"] != "proposed" or status.lower() in (
            "proposed",
            "pending",
            "on hold",
            "in review",
            "under review",
            "draft",
            "en discussion",
            "review",
            "tbd",
            "rfc",
            "incomplete",
            "provisional",
            "proposé",
            "提议",
            "in arbeit",
            "entwurf",
            "to be discussed",
        )
        badge = re.search(
            r'<span class="paved-badge paved-badge--([a-z-]+)"[^>]*>([^<]*)</span>',
            portal.page(name),
        )
        assert badge is not None, name
        assert (badge.group(1), unescape(badge.group(2))) == (record["status"], status), name
    index = (portal.site / "decisions" / "index.html").read_text(encoding="utf-8")
    for name in EXPECTED[log]:
        assert f'href="{portal.record(name)["url"].split("/", 1)[1]}"' in index, name


@pytest.mark.parametrize("log", sorted(EXPECTED))
def test_no_template_index_or_readme_becomes_a_record(log: str, portals: dict[str, Portal]) -> None:
    portal = portals[log]
    of_log = {p for p in portal.decisions if p.removeprefix("adrs/") in EXPECTED[log]}
    assert len(of_log) == len(EXPECTED[log])
    others = set().union(*(set(EXPECTED[g]) for g in EXPECTED if portals[g].site == portal.site))
    assert {p.removeprefix("adrs/") for p in portal.decisions} == others


@pytest.mark.parametrize(("log", "old", "new"), CHAINS)
def test_supersede_chains_hold_both_ways(
    log: str, old: str, new: str, portals: dict[str, Portal]
) -> None:
    portal = portals[log]
    old_record, new_record = portal.record(old), portal.record(new)
    assert old_record["superseded_by"] == new_record["id"]
    assert new_record["supersedes"] == [old_record["id"]]
    assert old_record["status"] == "superseded"
    old_page, new_page = _text(portal.page(old)), _text(portal.page(new))
    assert f"replaced by {new_record['id']}" in old_page
    assert f"Supersedes | {old_record['id']}" in new_page.replace("\n", " | ") or (
        f"Supersedes{old_record['id']}" in new_page.replace("\n", "")
    )


@pytest.mark.parametrize(("log", "record", "image"), IMAGES)
def test_images_next_to_the_records_are_shown(
    log: str, record: str, image: str, portals: dict[str, Portal]
) -> None:
    portal = portals[log]
    page_dir = portal.site / portal.record(record)["url"]
    sources = re.findall(r'<img[^>]*src="([^"]+)"', portal.page(record))
    targets = {(page_dir / src.split("?", 1)[0]).resolve() for src in sources if "://" not in src}
    published = (portal.site / "decisions" / image).resolve()
    assert published in targets
    assert published.read_bytes() == (LOGS / log / "log" / image).read_bytes()


def test_a_record_without_a_date_shows_its_first_commit_marked_as_such(
    portals: dict[str, Portal],
) -> None:
    portal = portals["madr"]
    page = _text(portal.page("0005-use-dashes-in-filenames.md"))
    assert "2024-05-01 (not recorded; first commit)" in page
    record = portal.record("0005-use-dashes-in-filenames.md")
    assert (record["date"], record["date_source"]) == ("2024-05-01", "git")
    dated = portals["govuk-aws"].record("0004-dns-definitions-for-hosts-and-services.md")
    assert (dated["date"], dated["date_source"]) == ("2017-07-14", "recorded")
    assert "Status not recorded" in page
    assert "Proposed" not in page


@pytest.mark.parametrize(
    ("log", "question", "said"),
    [
        ("adr-example", "what did we decide about JUnit 4.12 for testing?", "Superceded"),
        ("adr-example", "what did we decide about JUnit 5?", "accepted"),
        (
            "govuk-aws",
            "what did we decide about DNS definitions for hosts and services?",
            "Superseded",
        ),
        (
            "govuk-aws",
            "what did we decide about the MongoDB replacement by DocumentDB?",
            "Approved",
        ),
        ("madr", "what did we decide about dashes in filenames?", "does not record its status"),
        ("dotgov", "what did we decide about portfolio session management?", "Approved"),
        ("adyen", "what did we decide about the idempotency key?", "Approved"),
        ("pix", "what did we decide about encapsulating http calls?", "Adopté"),
        ("govuk-forms", "what did we decide about GOV.UK Notify?", "Superseded"),
        ("cometbft", "what did we decide about event hashing?", "Declined"),
    ],
)
def test_paved_ask_names_the_status_as_written(
    log: str, question: str, said: str, portals: dict[str, Portal]
) -> None:
    result = CliRunner().invoke(main, ["ask", question, str(portals[log].root)])
    assert said in result.output, result.output
    assert "proposed" not in result.output.lower().split("sources:")[0] or said == "Pending"


def test_dates_typed_in_prose_are_read_or_shown_as_written(portals: dict[str, Portal]) -> None:
    portal = portals["dotgov"]
    noted = portal.record("0027-ajax-for-dynamic-content.md")  # "2024-05-22 (back dated)"
    assert (noted["date"], noted["date_source"]) == ("2024-05-22", "recorded")
    wrong = portal.record("0023-use-geventconnpool.md")  # "2023-13-10"
    assert (wrong["date"], wrong["date_source"]) == ("2023-13-10", "recorded")
    found = check(portal.root).diagnostics
    dates = [(d.code, d.severity.value, d.location.path) for d in found if d.code == "ADR215"]
    assert ("ADR215", "warning", "adrs/0023-use-geventconnpool.md") in dates
    assert "2023-13-10" in _text(portal.page("0023-use-geventconnpool.md"))


def test_ids_declared_as_the_file_stem_keep_records_of_one_number_apart(
    portals: dict[str, Portal],
) -> None:
    portal = portals["brighter"]
    ids = {portal.record(name)["id"] for name in EXPECTED["brighter"] if name.startswith("0037-")}
    assert ids == {
        "0037-add-messaging-gateway-generated-test",
        "0037-provide-roslyn-analyzers-for-brighter",
        "0037-reject-message-on-error-handler",
    }
    created = portal.record("0001-record-architecture-decisions.md")  # `created: 2019-08-01`
    assert (created["date"], created["date_source"]) == ("2019-08-01", "recorded")
    tagged = portal.record("0066-release-factory-instances-on-an-opaque-lease.md")
    assert "dependency-injection" in tagged["tags"]


def test_toml_front_matter_gives_the_title_and_the_bullets_the_status(
    portals: dict[str, Portal],
) -> None:
    record = portals["vsecm"].record("20240510-adr-0004-be-practically-secure.md")
    assert record["title"] == "ADR-0004: Be Practically Secure"
    assert (record["status"], record["date"]) == ("accepted", "2024-05-11")
    assert record["id"] == "20240510-adr-0004-be-practically-secure"


def test_a_metadata_table_and_no_title_heading(portals: dict[str, Portal]) -> None:
    record = portals["hyades"].record("008-sbom-push-with-gitlab-token.md")
    assert (record["title"], record["status_written"], record["date"]) == (
        "Sbom push with gitlab token",
        "Proposed",
        "2025-05-14",
    )


def test_a_tree_of_logs_keeps_every_record_with_a_unique_id_and_page(
    portals: dict[str, Portal],
) -> None:
    portal = portals["odh"]
    ones = [name for name in EXPECTED["odh"] if "ODH-ADR-0001-" in name]
    assert len(ones) == 3  # the top folder's, automl's and autorag's first record
    ids = [portal.record(name)["id"] for name in EXPECTED["odh"]]
    urls = [portal.record(name)["url"] for name in EXPECTED["odh"]]
    assert len(set(ids)) == len(ids) == len(set(urls))
    assert portal.record("automl/ODH-ADR-0001-automl.md")["id"] == "ODH-ADR-0001-automl"
    spaced = portal.record(
        "operator/ODH-ADR-Operator-0010-Observability-component metrics scraping.md"
    )
    assert spaced["id"] == "ODH-ADR-Operator-0010-Observability-component-metrics-scraping"
    for url in urls:
        assert (portal.site / url / "index.html").is_file()
    table = portal.record("operator/ODH-ADR-Operator-0007-auth-crd.md")  # "22-10-2024"
    assert (table["date"], table["superseded_by"], table["supersedes"]) == ("2024-10-22", None, [])
    assert portal.record("eval-hub/ODH-ADR-EH-0001-eval-hub-service.md")["date"] == "2026-01"


def test_the_current_status_of_a_history_and_a_changelog_date(portals: dict[str, Portal]) -> None:
    traced = portals["ibc-go"].record("adr-001-coin-source-tracing.md")  # "Accepted, Implemented"
    assert (traced["status_written"], traced["status"]) == ("Implemented", "accepted")
    assert (traced["date"], traced["date_source"]) == ("2020-07-09", "recorded")  # Changelog
    assert "Accepted, Implemented" in _text(
        portals["ibc-go"].page("adr-001-coin-source-tracing.md")
    )
    replaced = portals["celestia"].record(
        "adr-009-non-interactive-default-rules-for-reduced-padding.md"
    )
    assert replaced["date"] == "2022-11-14"  # "- 14.11.2022: Initial Draft"


def test_a_status_section_left_as_the_template_wrote_it_records_no_status(
    portals: dict[str, Portal],
) -> None:
    record = portals["cometbft"].record("tendermint-core/adr-036-empty-blocks-abci.md")
    assert (record["status_written"], record["status"]) == ("", "not-recorded")


def test_mdx_records_read_and_render_without_their_front_matter_or_javascript(
    portals: dict[str, Portal],
) -> None:
    portal = portals["golang-template"]
    record = portal.record("0001-record-architecture-decisions.mdx")
    assert (record["title"], record["date"]) == ("0001 Record architecture decisions", "2023-10-25")
    page = _text(portal.page("0001-record-architecture-decisions.mdx"))
    assert "We will use Architecture Decision Records" in page
    assert "title: '0001" not in page


def test_every_log_dropped_into_one_adrs_folder_together_has_no_error(tmp_path: Path) -> None:
    """A team that merges several logs (or a check that drops them all in at once):
    files of one name overwrite each other as a copy would, ids that collide keep the
    records apart with warnings, and nothing is an error."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for log in sorted(EXPECTED):
        shutil.copytree(LOGS / log / "log", root / "adrs", dirs_exist_ok=True)
    result = check(root)
    assert [f"{d.location} {d.code} {d.message}" for d in result.diagnostics if d.is_error] == []
    ids = [d.id for d in result.platform.decisions.values()]
    assert len(ids) == len(set(ids)) > 400


def test_a_one_file_log_is_read_one_record_per_section(portals: dict[str, Portal]) -> None:
    """``adr.md`` holding five ``## ADR n:`` sections, each with its status in a table:
    five decisions, each on its own page with only its own section, all from one file."""
    portal = portals["pitstop"]
    records = [portal.record(name) for name in EXPECTED["pitstop"]]
    assert [r["id"] for r in records] == [f"ADR-000{n}" for n in range(1, 6)]
    assert {r["path"] for r in records} == {"adrs/adr.md"}
    assert records[0]["status"] == "rejected"  # DISCARDED
    assert records[1]["title"] == "Gebruik van KEDA voor Autoscaling"  # "## ARD 2: ..."
    second = _text(portal.page("adr.md#ADR-0002"))
    assert "Jaeger" not in second
    assert "KEDA" in second
    found = check(portal.root).diagnostics
    assert not [d for d in found if d.code == "ADR001"]  # no "no status found" for the file


def test_a_log_kept_in_two_languages_lists_each_decision_once(portals: dict[str, Portal]) -> None:
    """Retype's ``english/adr-001.md`` and ``deutsch/adr-001-de.md`` (which links to the
    English original): the English record keeps ADR-0001, the German one is its
    translation, listed with it, and one warning says so."""
    portal = portals["msl"]
    for n in range(1, 8):
        english = portal.record(f"english/adr-00{n}.md")
        german = portal.record(f"deutsch/adr-00{n}-de.md")
        assert (english["id"], english["translation_of"]) == (f"ADR-000{n}", None)
        assert (german["translation_of"], german["language"]) == (english["id"], "Deutsch")
    index = _text((portal.site / "decisions" / "index.html").read_text(encoding="utf-8"))
    assert "7 architecture decisions" in index
    assert "Establish ADR Process (also in Deutsch)" in index
    page = _text(portal.page("deutsch/adr-001-de.md"))
    assert "Translation ofADR-0001 · Establish ADR Process" in page.replace("\n", "")
    found = check(portal.root).diagnostics
    assert [(d.code, d.location.path) for d in found if d.code in ("ADR219", "ADR202")] == [
        ("ADR219", "adrs/deutsch/adr-001-de.md")
    ]


def test_a_generic_title_and_a_sentence_for_a_status(portals: dict[str, Portal]) -> None:
    record = portals["fiat"].record("0008-release-notes.md")
    assert record["title"] == "Adoption of Keep a Changelog Format for Release Notes"
    assert (record["status"], record["status_written"]) == ("proposed", "To be discussed")


def test_a_log_kept_as_yaml_files_is_read_one_record_per_file(portals: dict[str, Portal]) -> None:
    portal = portals["crem"]
    record = portal.record("2023-01-30-feedback-constructor.yaml")
    assert (record["title"], record["date"], record["date_source"]) == (
        "Replace Loop constructor with Feedback",
        "2023-01-30",
        "recorded",
    )
    page = _text(portal.page("2023-01-30-feedback-constructor.yaml"))
    for heading in ("Context", "Decision", "Consequences"):
        assert heading in page
    assert "In the standard ES/CQRS architecture" in page
    assert "YAML decision file" in page
