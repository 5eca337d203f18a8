"""Word banks for the synthetic repository generator.

Kept apart from ``generate.py`` so the generator reads as logic, not as lists. The
content imitates a bicycle maker's data platform loosely; none of it is real.
"""

from __future__ import annotations

# (id, display name, what the domain covers)
DOMAINS: tuple[tuple[str, str, str], ...] = (
    ("sales", "Sales", "Orders, prices and revenue across every channel."),
    ("ecommerce", "E-commerce", "The web shop: sessions, baskets and checkouts."),
    ("supply-chain", "Supply chain", "Suppliers, inbound parts, stock and transport."),
    ("manufacturing", "Manufacturing", "Frame building, assembly lines and work orders."),
    ("finance", "Finance", "Ledgers, budgets, invoices and payments."),
    ("marketing", "Marketing", "Campaigns, newsletters and audience measures."),
    ("customer-service", "Customer service", "Support tickets, chats and satisfaction scores."),
    ("logistics", "Logistics", "Warehouses, deliveries and carriers."),
    ("procurement", "Procurement", "Purchase orders, contracts and supplier ratings."),
    ("people", "People", "Staff, shifts and training records."),
    ("product-design", "Product design", "Bike models, bills of materials and prototypes."),
    ("quality", "Quality", "Inspections, defects and test rig results."),
    ("aftersales", "Aftersales", "Servicing, spare parts and repairs."),
    ("retail-stores", "Retail stores", "Own stores: footfall, staffing and store sales."),
    ("dealers", "Dealers", "The dealer network, its orders and its stock."),
    ("sustainability", "Sustainability", "Energy use, emissions and recycling."),
    ("it-operations", "IT operations", "Platform health, costs and incidents."),
    ("legal", "Legal", "Contracts, consents and data subject requests."),
    ("pricing", "Pricing", "Price lists, promotions and competitor prices."),
    ("warranty", "Warranty", "Warranty registrations and claims."),
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Bjorn", "Clara", "David", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Karin", "Lars", "Maja", "Nils", "Olga", "Per", "Rita", "Sven", "Tove", "Ulf",
    "Vera", "Wim", "Yara", "Zoltan", "Amir", "Britt", "Carlos", "Dana", "Emil", "Freja",
    "Goran", "Hanna", "Ivan", "Julia", "Kai", "Lina", "Mats", "Nora", "Oskar", "Pia",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Berg", "Dahl", "Ek", "Falk", "Holm", "Lind", "Lund", "Nord", "Sand", "Strom",
    "Wall", "Akesson", "Brandt", "Carlsen", "Dufva", "Engel", "Frost", "Gran", "Hedlund",
    "Ibsen", "Jansen", "Kvist", "Lowe", "Moberg", "Nyman", "Olsen", "Persson", "Quist",
    "Roos", "Soder", "Thorn", "Uddin", "Vik", "Wiik", "Yilmaz", "Zander", "Alm", "Borg",
    "Crona", "Dal",
)  # fmt: skip

ROLES: tuple[str, ...] = (
    "Domain lead", "Data steward", "Analytics engineer", "Product owner", "Controller",
    "Operations manager", "Business analyst", "Data engineer", "Category manager",
    "Process owner",
)  # fmt: skip

EXPERTISE: tuple[str, ...] = (
    "order management", "stock accuracy", "GDPR requests", "SAP finance", "web analytics",
    "pricing rules", "frame production", "supplier onboarding", "returns", "campaign tracking",
    "dealer portal", "warranty claims", "shift planning", "carbon accounting", "forecasting",
    "master data", "payments", "customer identity", "test rigs", "spare parts",
)  # fmt: skip

# System stems by role: (stem, display name, kind). "source" systems hold data born in
# the business, "platform" systems are the data platform's own stores, "outside" systems
# receive exports.
SOURCE_SYSTEMS: tuple[tuple[str, str, str], ...] = (
    ("erp", "ERP", "erp"),
    ("crm", "CRM", "crm"),
    ("pos", "Point of sale", "pos"),
    ("webshop", "Web shop", "ecommerce"),
    ("mes", "Manufacturing execution", "other"),
    ("wms", "Warehouse management", "database"),
    ("events", "Event stream", "streaming"),
    ("hr-saas", "HR suite", "saas"),
    ("sftp", "Partner file drop", "file-share"),
    ("plm", "Product lifecycle", "database"),
)
PLATFORM_SYSTEMS: tuple[tuple[str, str, str], ...] = (
    ("lakehouse", "Lakehouse", "lakehouse"),
    ("warehouse", "Warehouse", "warehouse"),
)
OUTSIDE_SYSTEMS: tuple[tuple[str, str, str], ...] = (
    ("partner-api", "Partner API", "api"),
    ("bi-saas", "BI service", "saas"),
    ("export-share", "Export share", "file-share"),
)

# (entity, holds personal data)
ENTITIES: tuple[tuple[str, bool], ...] = (
    ("orders", False), ("order_lines", False), ("customers", True), ("loyalty_members", True),
    ("web_sessions", True), ("returns", False), ("stock_levels", False), ("shipments", False),
    ("invoices", False), ("payments", False), ("suppliers", False), ("purchase_orders", False),
    ("work_orders", False), ("frames", False), ("components", False), ("quality_checks", False),
    ("warranty_claims", True), ("service_bookings", True), ("dealers", False),
    ("campaigns", False), ("campaign_responses", True), ("newsletter_subscribers", True),
    ("employees", True), ("shifts", True), ("price_lists", False), ("promotions", False),
    ("products", False), ("store_visits", False), ("deliveries", True),
    ("energy_readings", False), ("ledger_entries", False), ("budgets", False),
    ("forecasts", False), ("reviews", True), ("support_tickets", True),
)  # fmt: skip

# (column name, logical type, description)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("created_at", "timestamp", "When the record was created in the source."),
    ("updated_at", "timestamp", "When the record last changed in the source."),
    ("status", "string", "Lifecycle status as the source system names it."),
    ("amount", "decimal", "Amount in the record's currency."),
    ("currency", "string", "ISO 4217 currency code."),
    ("quantity", "integer", "Number of units."),
    ("sku", "string", "Stock keeping unit of the bike or part."),
    ("store_id", "string", "Store the record belongs to."),
    ("country", "string", "ISO 3166 country code."),
    ("channel", "string", "Sales channel: store, web or dealer."),
    ("business_date", "date", "The trading day the record counts towards."),
    ("is_active", "boolean", "Whether the record is currently in use."),
    ("source_payload", "json", "The original message as received, for audits."),
    ("discount", "decimal", "Discount granted, in the record's currency."),
    ("net_weight_kg", "decimal", "Net weight in kilograms."),
    ("frame_size", "string", "Frame size label (S, M, L, XL)."),
    ("colour", "string", "Colour name from the product catalogue."),
    ("warehouse_id", "string", "Warehouse holding the stock."),
    ("supplier_id", "string", "Supplier the goods come from."),
    ("line_number", "integer", "Position of the line within its document."),
    ("unit_price", "decimal", "Price of one unit before discounts."),
    ("tax_amount", "decimal", "Value added tax."),
    ("lead_time_days", "integer", "Days between order and delivery."),
    ("defect_code", "string", "Defect category from the quality handbook."),
    ("batch_number", "string", "Production batch."),
    ("energy_kwh", "decimal", "Energy used in kilowatt hours."),
    ("co2e_kg", "decimal", "Emissions in kilograms of CO2 equivalent."),
    ("campaign_code", "string", "Marketing campaign the record is attributed to."),
    ("rating", "integer", "Score from one to five."),
    ("attachment", "binary", "Scanned document."),
)
PERSONAL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("email", "string", "Email address given by the person."),
    ("phone", "string", "Phone number given by the person."),
    ("first_name", "string", "Given name."),
    ("last_name", "string", "Family name."),
    ("street_address", "string", "Delivery or billing street address."),
    ("postcode", "string", "Postal code of the address."),
    ("date_of_birth", "date", "Birth date, for age checks."),
    ("ip_address", "string", "IP address of the visitor's device."),
    ("loyalty_card_number", "string", "Number printed on the loyalty card."),
)

REFRESH: tuple[str, ...] = ("real-time", "hourly", "daily", "daily", "daily", "weekly", "monthly")
CLASSIFICATIONS: tuple[str, ...] = ("public", "internal", "confidential", "restricted")

# WID building blocks: (subject, what it is for, tags)
PRODUCT_SUBJECTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sales performance", "track revenue against target by week", ("revenue", "kpi")),
    ("stock availability", "see which models are out of stock before customers do", ("stock",)),
    ("customer lifetime value", "focus retention spend on the riders who return", ("customers",)),
    ("frame defect rate", "catch a weld problem within a shift", ("quality", "factory")),
    ("delivery punctuality", "hold carriers to their promised dates", ("logistics",)),
    ("campaign attribution", "move budget to channels that sell bikes", ("marketing",)),
    ("supplier risk", "spot suppliers whose lead times are slipping", ("suppliers", "risk")),
    ("energy use", "report factory energy per bike built", ("sustainability", "energy")),
    ("warranty cost", "price extended warranties on real claim rates", ("warranty",)),
    ("store footfall", "staff stores for the hours people actually visit", ("stores",)),
    ("dealer sell-out", "plan production from what dealers really sell", ("dealers",)),
    ("price elasticity", "set promotions that lift margin, not just volume", ("pricing",)),
    ("web conversion", "find where shoppers leave the checkout", ("web", "funnel")),
    ("spare parts demand", "keep service workshops supplied", ("aftersales", "forecast")),
    ("cash flow", "see incoming payments a month ahead", ("finance", "forecast")),
)
PRODUCT_KINDS: tuple[str, ...] = (
    "dashboard", "mart", "feed", "forecast", "scorecard", "report", "monitor", "model",
)  # fmt: skip
AUDIENCES: tuple[str, ...] = (
    "store managers", "the planning team", "finance controllers", "category managers",
    "the service desk", "factory shift leads", "the marketing team", "dealer account managers",
)  # fmt: skip
PERSONAL_CATEGORIES: tuple[str, ...] = (
    "contact details", "purchase history", "delivery address", "device identifiers",
    "employment records", "service history",
)  # fmt: skip
FREQUENCIES: tuple[str, ...] = ("hourly", "daily at 02:00", "real time", "every 15 minutes")

# ADR building blocks: (title with {scope}, tags, the options considered)
DECISIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Ingest {scope} source systems by change data capture", ("ingestion", "cdc"),
     ("Change data capture", "Nightly full extracts", "Application events")),
    ("Store {scope} curated tables as Apache Iceberg", ("lakehouse", "storage"),
     ("Apache Iceberg", "Delta Lake", "Plain Parquet folders")),
    ("Publish {scope} events on Kafka topics", ("streaming",),
     ("Kafka topics", "A message queue per consumer", "Webhooks")),
    ("Pseudonymise personal data in {scope} before the curated layer", ("privacy", "gdpr"),
     ("Pseudonymise on ingest", "Mask in views", "Keep raw and restrict access")),
    ("Model {scope} marts with dbt", ("transformation", "dbt"),
     ("dbt models", "Stored procedures", "Notebook jobs")),
    ("Serve {scope} data products through a SQL endpoint", ("serving",),
     ("SQL endpoint", "File exports", "A bespoke REST API")),
    ("Orchestrate {scope} pipelines with Airflow", ("orchestration",),
     ("Airflow", "Cron on a VM", "The cloud provider's scheduler")),
    ("Keep {scope} data contracts in YAML next to the code", ("contracts", "governance"),
     ("YAML in the repository", "A contract registry service", "Wiki pages")),
    ("Retain raw {scope} data for thirteen months", ("retention", "storage"),
     ("Thirteen months", "Forever", "Ninety days")),
    ("Expose {scope} dashboards in the shared BI workspace", ("bi", "dashboards"),
     ("Shared workspace", "One workspace per team", "Emailed PDFs")),
    ("Test {scope} pipelines with data quality checks in CI", ("quality", "testing"),
     ("Checks in CI", "Manual spot checks", "Checks only in production")),
    ("Tag {scope} datasets with a classification at creation", ("classification", "governance"),
     ("Tag at creation", "Tag during review", "No tagging")),
)  # fmt: skip
DRIVERS: tuple[str, ...] = (
    "Teams must be able to onboard without waiting for the platform team.",
    "Costs have to stay visible per domain.",
    "Personal data must be kept apart from the rest and deleted on time.",
    "Consumers need the data within an hour of the event.",
    "The on-call rota has two people; operations must stay simple.",
    "Auditors ask where every figure in the annual report comes from.",
    "Seasonal peaks in spring triple the volume.",
)
