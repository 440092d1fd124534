"""Word lists for the seeded demo: fictional organisations and people, in en and ko."""

PREFIXES = [
    ("Hanbit", "한빛"),
    ("Nuri", "누리"),
    ("Daon", "다온"),
    ("Saebit", "새빛"),
    ("Gaon", "가온"),
    ("Haneul", "하늘"),
    ("Baram", "바람"),
    ("Solbit", "솔빛"),
    ("Mirae", "미래"),
    ("Onda", "온다"),
    ("Bora", "보라"),
    ("Dami", "다미"),
    ("Areum", "아름"),
    ("Yeoul", "여울"),
    ("Seorin", "서린"),
    ("Hyeon", "현"),
    ("Taeyang", "태양"),
    ("Byeol", "별"),
    ("Garam", "가람"),
    ("Narae", "나래"),
]
BIOTECH_SUFFIXES = [
    ("Therapeutics", "테라퓨틱스"),
    ("Bio", "바이오"),
    ("Biosciences", "바이오사이언스"),
    ("Genomics", "지노믹스"),
    ("Oncology", "온콜로지"),
]
INVESTOR_SUFFIXES = [
    ("Ventures", "벤처스"),
    ("Capital", "캐피탈"),
    ("Partners", "파트너스"),
]
CRO_SUFFIXES = [("Clinical Research", "임상연구"), ("CRO", "씨알오")]
GLOBAL_PHARMA = [
    ("Norbridge Pharma", "US"),
    ("Altavia Pharmaceuticals", "CH"),
    ("Kestrel Medicines", "GB"),
    ("Veridian Health", "US"),
    ("Aster Lund", "SE"),
    ("Meridia Pharma", "DE"),
    ("Corvane", "FR"),
    ("Tessaro Pharma", "JP"),
]
KOREAN_PHARMA = [("Hanbit Pharm", "한빛제약"), ("Daehan Pharmaceutical", "대한제약")]

FAMILY = [
    ("Kim", "김"),
    ("Lee", "이"),
    ("Park", "박"),
    ("Choi", "최"),
    ("Jung", "정"),
    ("Kang", "강"),
    ("Cho", "조"),
    ("Yoon", "윤"),
    ("Jang", "장"),
    ("Lim", "임"),
    ("Han", "한"),
    ("Oh", "오"),
    ("Seo", "서"),
    ("Shin", "신"),
    ("Kwon", "권"),
]
GIVEN = [
    ("Min-jun", "민준"),
    ("Seo-yeon", "서연"),
    ("Ji-ho", "지호"),
    ("Ha-eun", "하은"),
    ("Do-yun", "도윤"),
    ("Su-ah", "수아"),
    ("Ye-jun", "예준"),
    ("Ji-woo", "지우"),
    ("Jun-seo", "준서"),
    ("Seo-hyun", "서현"),
    ("Hyun-woo", "현우"),
    ("Min-seo", "민서"),
]
INTERNATIONAL = [
    ("Emily", "Carter"),
    ("James", "Whitfield"),
    ("Sofia", "Marquez"),
    ("Lukas", "Brandt"),
    ("Amara", "Okafor"),
    ("Hiroshi", "Tanaka"),
    ("Claire", "Dubois"),
    ("Rahul", "Mehta"),
    ("Anna", "Lindqvist"),
    ("David", "Goldberg"),
    ("Mei", "Chen"),
    ("Oliver", "Hughes"),
    ("Isabel", "Ferreira"),
    ("Tomas", "Novak"),
    ("Grace", "Adeyemi"),
    ("Mark", "Sullivan"),
]
JOB_TITLES = [
    "Chief Medical Officer",
    "Head of Clinical Operations",
    "VP Business Development",
    "Regulatory Affairs Director",
    "Principal Investigator",
    "Partner",
    "Head of Data Science",
    "Chief Executive Officer",
    "Professor of Oncology",
]

TRACKS = [
    ("clinical-operations", "Clinical operations", "임상 운영", "#0b5cad"),
    ("regulatory-science", "Regulatory science", "규제과학", "#8250df"),
    ("digital-data", "Digital and data", "디지털·데이터", "#1a7f37"),
    ("investment", "Investment and partnering", "투자·파트너링", "#bc4c00"),
]
TOPICS = {
    "clinical-operations": [
        ("Decentralised clinical trials in practice", "분산형 임상시험의 실제"),
        ("Speeding up site activation", "임상시험기관 개시 가속화"),
        ("Patient recruitment across Asia-Pacific", "아시아태평양 환자 모집 전략"),
        ("Risk-based monitoring", "위험 기반 모니터링"),
        ("First-in-human studies in Korea", "국내 최초 인체 적용 임상시험"),
        ("Oncology trial design for small populations", "소규모 환자군 항암 임상 설계"),
        ("Building a site network", "임상시험기관 네트워크 구축"),
    ],
    "regulatory-science": [
        ("MFDS and FDA: aligning submissions", "식약처와 FDA 제출 정합성"),
        ("ICH E6(R3) readiness", "ICH E6(R3) 대응 준비"),
        ("Real-world evidence in approvals", "허가 심사에서의 실사용 증거"),
        ("Expedited pathways compared", "신속 심사 제도 비교"),
        ("Cell and gene therapy regulation", "세포·유전자 치료제 규제"),
        ("Paediatric investigation plans", "소아 임상시험 계획"),
        ("Inspection readiness", "실태조사 대비"),
    ],
    "digital-data": [
        ("AI for protocol design", "AI 기반 임상시험계획서 설계"),
        ("eConsent and patient apps", "전자 동의와 환자 앱"),
        ("Wearables as endpoints", "웨어러블 기반 평가변수"),
        ("Interoperable EHR data for trials", "임상시험을 위한 전자의무기록 연계"),
        ("Synthetic control arms", "합성 대조군"),
        ("Data privacy across borders", "국경 간 데이터 프라이버시"),
        ("Federated learning in hospitals", "병원 연합 학습"),
    ],
    "investment": [
        (
            "What global pharma looks for in Korean assets",
            "글로벌 제약사가 보는 국내 파이프라인",
        ),
        ("Licensing deals: terms that work", "기술이전 계약 조건"),
        ("Series B in a tight market", "어려운 시장의 시리즈 B"),
        ("From IND to exit", "IND에서 엑시트까지"),
        ("Cross-border co-development", "국경을 넘는 공동 개발"),
        ("Valuing early-stage oncology assets", "초기 항암 자산 가치 평가"),
        ("Building a board for growth", "성장을 위한 이사회 구성"),
    ],
}
FORMATS = [
    ("talk", "{topic}", "{topic}"),
    ("panel", "Panel: {topic}", "패널: {topic}"),
    ("workshop", "Workshop: {topic}", "워크숍: {topic}"),
]
