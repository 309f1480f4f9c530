"""Catalogue of improvement tips (Korean written fresh from DOMAIN 3.1/3.2 summaries)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tip:
    """One suggestion; `code` is stable so reports and tests can refer to it."""

    code: str
    text_ko: str
    text_en: str


_CATALOGUE: tuple[Tip, ...] = (
    # Legacy rule 1: push-up score ≤ 2
    Tip(
        "strength.push_up.older.incline",
        "벽이나 테이블을 짚는 경사 푸시업으로 시작해 주 2회, 천천히 단계를 올리세요.",
        "Start with incline push-ups against a wall or table twice a week and progress slowly.",
    ),
    Tip(
        "strength.push_up.older.band",
        "밴드 보조 푸시업으로 관절 부담을 줄이면서 상체 근력을 기르세요.",
        "Use band-assisted push-ups to build upper-body strength while sparing the joints.",
    ),
    Tip(
        "strength.push_up.youth.form",
        "거울 앞에서 푸시업 자세를 연습해 올바른 동작부터 익히세요.",
        "Practise push-up form in front of a mirror so the movement is right first.",
    ),
    Tip(
        "strength.push_up.youth.knee",
        "무릎을 대고 하는 푸시업부터 주 3회 시작해 점차 표준 푸시업으로 넘어가세요.",
        "Begin with knee push-ups three times a week and progress towards full push-ups.",
    ),
    Tip(
        "strength.push_up.progressive",
        "주 2~3회 푸시업 횟수를 조금씩 늘려 가는 훈련을 하세요.",
        "Train push-ups 2–3 times a week, adding repetitions progressively.",
    ),
    Tip(
        "strength.push_up.accessory",
        "체스트 프레스와 삼두근 운동을 더해 미는 힘을 보강하세요.",
        "Add chest presses and triceps work to strengthen pushing.",
    ),
    # Legacy rule 2: light or short farmer's carry
    Tip(
        "strength.grip.older",
        "가벼운 무게로 악력 운동을 하되, 바른 자세를 먼저 지키세요.",
        "Train grip with light loads, keeping good posture first.",
    ),
    Tip(
        "strength.core.older",
        "데드버그, 버드독처럼 관절에 무리가 없는 코어 운동을 꾸준히 하세요.",
        "Do joint-friendly core exercises such as dead bugs and bird dogs regularly.",
    ),
    Tip(
        "strength.grip",
        "철봉 매달리기와 파머스 워크로 악력을 기르세요.",
        "Build grip strength with dead hangs and farmer's walks.",
    ),
    Tip(
        "strength.core",
        "플랭크와 안티로테이션 운동으로 코어를 강화하세요.",
        "Strengthen the core with planks and anti-rotation exercises.",
    ),
    # Legacy rules 8 and 9: BMI
    Tip(
        "strength.bmi.compound",
        "복합 관절 운동 위주의 근력 운동으로 기초대사량을 높이세요.",
        "Raise your metabolism with strength work built on compound lifts.",
    ),
    Tip(
        "strength.bmi.lean_mass",
        "근육량이 늘도록 저항 운동의 비중을 높이세요.",
        "Do more resistance training to build lean mass.",
    ),
    # Original category tips (category < 60)
    Tip(
        "strength.category.frequency",
        "근력 운동을 주 3회 이상 하세요.",
        "Strength-train at least three times a week.",
    ),
    Tip(
        "strength.category.overload",
        "무게나 횟수를 조금씩 늘리는 점진적 과부하를 적용하세요.",
        "Apply progressive overload by adding weight or repetitions little by little.",
    ),
    Tip(
        "strength.category.compound",
        "스쿼트, 데드리프트 같은 복합 운동을 중심으로 운동을 구성하세요.",
        "Build sessions around compound lifts such as squats and deadlifts.",
    ),
    Tip(
        "strength.maintain.level",
        "근력이 좋은 상태입니다. 지금 수준을 유지하세요.",
        "Your strength is in good shape: keep it at this level.",
    ),
    Tip(
        "strength.maintain.full_body",
        "주 2~3회 전신 근력 운동을 꾸준히 이어가세요.",
        "Continue full-body strength training 2–3 times a week.",
    ),
    # Legacy rule 3: toe touch score ≤ 2
    Tip(
        "mobility.hamstring.older",
        "의자에 앉아서 하는 햄스트링 스트레칭을 매일 하세요.",
        "Do seated hamstring stretches every day.",
    ),
    Tip(
        "mobility.hip.older",
        "부드러운 고관절 가동성 운동을 함께 하세요.",
        "Add gentle hip mobility exercises.",
    ),
    Tip(
        "mobility.hamstring",
        "햄스트링과 허리 스트레칭을 매일 하세요.",
        "Stretch the hamstrings and lower back every day.",
    ),
    Tip(
        "mobility.hip_hinge",
        "힙 힌지 동작을 연습해 고관절을 쓰는 법을 익히세요.",
        "Practise hip-hinge drills to learn to move from the hips.",
    ),
    # Legacy rule 4: shoulder mobility score ≤ 2
    Tip(
        "mobility.shoulder.foam_roll",
        "폼롤러로 가슴과 위쪽 승모근을 풀어 주세요.",
        "Foam-roll the chest and upper trapezius.",
    ),
    Tip(
        "mobility.shoulder.rotation",
        "어깨 내회전·외회전 가동성 운동을 하세요.",
        "Do shoulder internal and external rotation mobility work.",
    ),
    Tip(
        "mobility.shoulder.rotation_daily",
        "어깨 내회전·외회전 가동성 운동을 매일 하세요.",
        "Do shoulder internal and external rotation mobility work every day.",
    ),
    Tip(
        "mobility.thoracic",
        "흉추 가동성 운동으로 등 윗부분의 움직임을 넓히세요.",
        "Free up the upper back with thoracic mobility exercises.",
    ),
    Tip(
        "mobility.category.daily",
        "매일 10~15분씩 스트레칭하세요.",
        "Stretch for 10–15 minutes every day.",
    ),
    Tip("mobility.category.yoga", "요가나 필라테스를 함께 하세요.", "Add yoga or pilates."),
    Tip(
        "mobility.category.range",
        "관절 가동 범위를 넓히는 운동을 하세요.",
        "Do exercises that widen the joints' range of motion.",
    ),
    Tip(
        "mobility.maintain.level",
        "유연성이 좋은 상태입니다. 지금 수준을 유지하세요.",
        "Your mobility is in good shape: keep it at this level.",
    ),
    Tip(
        "mobility.maintain.routine",
        "지금 하고 있는 스트레칭 루틴을 꾸준히 이어가세요.",
        "Keep up your current stretching routine.",
    ),
    # Legacy rule 5: short eyes-open balance
    Tip(
        "balance.symmetry.right",
        "오른발 균형이 더 약합니다. 오른발 한발 서기를 더 연습해 좌우 차이를 줄이세요.",
        "Your right leg is weaker: practise more single-leg stands on the right to even out "
        "the sides.",
    ),
    Tip(
        "balance.symmetry.left",
        "왼발 균형이 더 약합니다. 왼발 한발 서기를 더 연습해 좌우 차이를 줄이세요.",
        "Your left leg is weaker: practise more single-leg stands on the left to even out "
        "the sides.",
    ),
    Tip(
        "balance.older.safe",
        "의자를 옆에 두고 안전한 곳에서 매일 균형 운동을 하세요.",
        "Practise balance every day in a safe place with a chair at hand.",
    ),
    Tip(
        "balance.older.tai_chi",
        "태극권이나 필라테스 기반의 균형 운동을 해 보세요.",
        "Try tai chi or pilates-based balance work.",
    ),
    Tip(
        "balance.single_leg",
        "매일 한발 서기로 균형 감각을 기르세요.",
        "Practise single-leg stands every day.",
    ),
    Tip(
        "balance.barefoot",
        "맨발로 하는 고유수용감각 운동을 더하세요.",
        "Add barefoot proprioception exercises.",
    ),
    # Legacy rule 6 driven by the overhead-squat compensation boxes
    Tip(
        "balance.ohs.knee_valgus",
        "무릎이 안쪽으로 모이지 않도록 미니밴드로 고관절 외전근을 강화하세요.",
        "Strengthen the hip abductors with a mini band so the knees stop caving in.",
    ),
    Tip(
        "balance.ohs.forward_lean",
        "상체가 앞으로 쏠리지 않도록 흉추 가동성과 코어 안정성 운동을 하세요.",
        "Counter the forward lean with thoracic mobility and core stability work.",
    ),
    Tip(
        "balance.ohs.heel_lift",
        "발목 가동성 운동과 맨발 스쿼트로 발뒤꿈치가 뜨지 않게 하세요.",
        "Keep the heels down with ankle mobility work and barefoot squats.",
    ),
    Tip(
        "balance.ohs.mechanics",
        "맨몸 스쿼트로 바른 스쿼트 동작을 연습하세요.",
        "Practise squat mechanics with body-weight squats.",
    ),
    Tip(
        "balance.ohs.ankle_hip",
        "발목과 고관절 가동성 운동을 하세요.",
        "Work on ankle and hip mobility.",
    ),
    Tip("balance.category.drills", "균형 훈련을 꾸준히 하세요.", "Do balance drills regularly."),
    Tip("balance.category.core", "코어 강화 운동을 더하세요.", "Add core-strengthening exercises."),
    Tip("balance.category.one_leg", "한 발로 서는 연습을 하세요.", "Practise standing on one leg."),
    Tip(
        "balance.maintain.level",
        "균형 능력이 좋은 상태입니다. 지금 수준을 유지하세요.",
        "Your balance is in good shape: keep it at this level.",
    ),
    Tip(
        "balance.maintain.daily",
        "일상생활 속에서도 균형 운동을 자연스럽게 곁들이세요.",
        "Weave balance practice into daily life.",
    ),
    # Rule 7 (desktop): step-test score ≤ 2
    Tip(
        "cardio.older.low_impact",
        "수영, 자전거, 걷기 같은 저충격 유산소 운동을 주 3회 하세요.",
        "Do low-impact cardio such as swimming, cycling or walking three times a week.",
    ),
    Tip(
        "cardio.older.heart_rate",
        "심박수를 확인하면서 안전한 강도를 유지하세요.",
        "Monitor your heart rate to keep the intensity safe.",
    ),
    Tip(
        "cardio.hiit",
        "고강도 인터벌 트레이닝(HIIT)과 지속적인 유산소 운동을 섞어서 하세요.",
        "Mix high-intensity interval training with steady cardio.",
    ),
    Tip(
        "cardio.sport",
        "스포츠 종목을 활용한 컨디셔닝 운동을 해 보세요.",
        "Try sport-based conditioning.",
    ),
    Tip(
        "cardio.gradual",
        "걷기, 자전거, 수영으로 유산소 능력을 천천히 쌓아 가세요.",
        "Build cardio gradually with walking, cycling or swimming.",
    ),
    Tip(
        "cardio.intervals",
        "주 1~2회 인터벌 운동을 더하세요.",
        "Add one or two interval sessions a week.",
    ),
    Tip(
        "cardio.bmi.longer",
        "목표 심박수 범위 안에서 유산소 운동 시간을 조금씩 늘리세요.",
        "Lengthen aerobic sessions gradually within your target heart-rate zone.",
    ),
    Tip(
        "cardio.category.weekly",
        "일주일에 150분 이상 유산소 운동을 하세요.",
        "Do at least 150 minutes of aerobic exercise a week.",
    ),
    Tip(
        "cardio.category.intervals",
        "인터벌 트레이닝을 도입하세요.",
        "Introduce interval training.",
    ),
    Tip(
        "cardio.category.gradual",
        "운동 강도를 점진적으로 높이세요.",
        "Raise the intensity gradually.",
    ),
    Tip(
        "cardio.maintain.level",
        "심폐지구력이 좋은 상태입니다. 지금 수준을 유지하세요.",
        "Your cardio fitness is in good shape: keep it at this level.",
    ),
    Tip(
        "cardio.maintain.variety",
        "여러 종류의 유산소 운동을 시도해 보세요.",
        "Try a variety of cardio activities.",
    ),
)

TIPS: dict[str, Tip] = {tip.code: tip for tip in _CATALOGUE}
