<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New client…</source>
        <translation>새 회원 등록(&amp;N)…</translation>
    </message>
    <message>
        <source>New &amp;assessment…</source>
        <translation>새 평가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Book session…</source>
        <translation>세션 예약(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>지금 동기화(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>잠금(&amp;L)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>로그아웃(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>회원 검색(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;First-day checklist</source>
        <translation>첫날 체크리스트(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About The5HC Desktop</source>
        <translation>The5HC Desktop 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Day close…</source>
        <translation>일마감(&amp;D)…</translation>
    </message>
    <message>
        <source>Merge &amp;members…</source>
        <translation>회원 병합(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add staff account</source>
        <translation>직원 계정 추가</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>At least 8 characters, not only digits. The new colleague must choose their own password at the first sign-in.</source>
        <translation>8자 이상, 숫자만으로는 만들 수 없습니다. 새 직원은 처음 로그인할 때 자신의 비밀번호로 바꿔야 합니다.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자명</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>처음 비밀번호</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>필수 항목입니다.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>비밀번호가 일치하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The5HC</source>
        <translation>The5HC</translation>
    </message>
</context>
<context>
    <name>AssessmentListModel</name>
    <message>
        <source>Date</source>
        <translation>평가일</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>종합 점수</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>등급</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>측정 항목</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>All 7</source>
        <translation>7개 모두</translation>
    </message>
    <message>
        <source>Partly measured</source>
        <translation>일부 측정</translation>
    </message>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
</context>
<context>
    <name>AssessmentModels</name>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
</context>
<context>
    <name>AssessmentPages</name>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
    <message>
        <source>Optional note for this test</source>
        <translation>이 테스트에 대한 메모 (선택사항)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Score: not measured</source>
        <translation>점수: 미측정</translation>
    </message>
    <message>
        <source>Score: {score}/{max} · {word}</source>
        <translation>점수: {score}/{max} · {word}</translation>
    </message>
</context>
<context>
    <name>AssessmentPane</name>
    <message>
        <source>Assessments</source>
        <translation>평가 실시</translation>
    </message>
    <message>
        <source>Assessment history</source>
        <translation>평가 기록</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Find a client: name, ㄱㅁㅅ or phone digits</source>
        <translation>회원 찾기: 이름, 초성(ㄱㅁㅅ) 또는 전화번호</translation>
    </message>
    <message>
        <source>Choose a client on the left.</source>
        <translation>왼쪽에서 회원을 선택하세요.</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>새 평가…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Recalculate with current rules</source>
        <translation>현재 규칙으로 재계산</translation>
    </message>
    <message>
        <source>Compare two</source>
        <translation>두 평가 비교</translation>
    </message>
    <message>
        <source>Finish or cancel the open assessment first.</source>
        <translation>열려 있는 평가를 먼저 마치거나 취소하세요.</translation>
    </message>
    <message>
        <source>no client chosen yet</source>
        <translation>회원 미선택</translation>
    </message>
    <message>
        <source>There is an unsaved assessment ({who}). Continue where you left off?</source>
        <translation>저장되지 않은 평가가 있습니다 ({who}). 이어서 작성할까요?</translation>
    </message>
    <message>
        <source>Unsaved assessment</source>
        <translation>저장되지 않은 평가</translation>
    </message>
    <message>
        <source>Delete the assessment of {name} on {date}? It disappears from the lists and reports.</source>
        <translation>{name} 회원의 {date} 평가를 삭제할까요? 목록과 보고서에서 사라집니다.</translation>
    </message>
    <message>
        <source>Delete assessment</source>
        <translation>평가 삭제</translation>
    </message>
    <message>
        <source>Assessment deleted.</source>
        <translation>평가를 삭제했습니다.</translation>
    </message>
    <message>
        <source>Recalculate this imported assessment with the current rules? Its scores will change; the old ones stay in the audit log.</source>
        <translation>가져온 이 평가를 현재 규칙으로 다시 계산할까요? 점수가 바뀌며, 이전 점수는 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Recalculate</source>
        <translation>재계산</translation>
    </message>
    <message>
        <source>Assessment recalculated.</source>
        <translation>평가를 다시 계산했습니다.</translation>
    </message>
</context>
<context>
    <name>AssessmentViewDialog</name>
    <message>
        <source>Assessment of {name}, {date}</source>
        <translation>{name} 회원 평가, {date}</translation>
    </message>
    <message>
        <source>body fat {pct} %</source>
        <translation>체지방률 {pct}%</translation>
    </message>
    <message>
        <source>muscle {kg} kg</source>
        <translation>골격근량 {kg}kg</translation>
    </message>
    <message>
        <source>{version} (imported; not recalculated)</source>
        <translation>{version} (가져온 평가, 재계산 안 함)</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Age on the day</source>
        <translation>평가일 나이</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>테스트 조건</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>신체 측정</translation>
    </message>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>채점 방식</translation>
    </message>
    <message>
        <source>No notes</source>
        <translation>메모 없음</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <source>Editing re-scores with the current rules ({version}).</source>
        <translation>수정하면 현재 규칙({version})으로 다시 계산됩니다.</translation>
    </message>
</context>
<context>
    <name>AssessmentWizard</name>
    <message>
        <source>Edit assessment</source>
        <translation>평가 수정</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>새 평가</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>The draft could not be saved on this computer.</source>
        <translation>작성 중인 평가를 이 컴퓨터에 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Saving the assessment…</source>
        <translation>평가를 저장하는 중…</translation>
    </message>
    <message>
        <source>Assessment of {name} saved.</source>
        <translation>{name} 회원의 평가를 저장했습니다.</translation>
    </message>
    <message>
        <source>Discard your changes? The saved assessment stays as it was.</source>
        <translation>변경 내용을 버릴까요? 저장된 평가는 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Discard this assessment? Nothing you entered will be saved.</source>
        <translation>이 평가를 취소할까요? 입력한 내용은 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>Cancel assessment</source>
        <translation>평가 취소</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Choose the backup folder</source>
        <translation>백업 폴더 선택</translation>
    </message>
    <message>
        <source>Backup file to restore</source>
        <translation>복원할 백업 파일</translation>
    </message>
    <message>
        <source>The5HC database (*.sqlite3 *.db);;All files (*)</source>
        <translation>The5HC 데이터베이스 (*.sqlite3 *.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>마지막 백업</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>지금 백업</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>백업 폴더</translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation>폴더 변경…</translation>
    </message>
    <message>
        <source>Use the default folder</source>
        <translation>기본 폴더로</translation>
    </message>
    <message>
        <source>Use this folder</source>
        <translation>이 폴더 사용</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>백업 목록</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>백업 시각</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>선택한 백업으로 복원…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>다른 파일에서 복원…</translation>
    </message>
    <message>
        <source>Only the owner can restore a backup.</source>
        <translation>복원은 대표만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>A restore closes the database, replaces it with the backup and opens it again; the current file is backed up first. It is refused while another window or program has the file open.</source>
        <translation>복원하면 앱이 데이터베이스를 닫고 백업으로 바꾼 뒤 다시 엽니다. 현재 파일은 먼저 백업해 둡니다. 다른 창이나 프로그램이 파일을 열고 있으면 복원하지 않습니다.</translation>
    </message>
    <message>
        <source>external folder</source>
        <translation>외부 폴더</translation>
    </message>
    <message>
        <source>beside the data file on this PC</source>
        <translation>이 PC의 데이터 폴더 옆</translation>
    </message>
    <message>
        <source>cloud-synced folder</source>
        <translation>클라우드 동기화 폴더</translation>
    </message>
    <message>
        <source>removable drive</source>
        <translation>이동식 드라이브</translation>
    </message>
    <message>
        <source>Backups are only on this PC. Backing up to the {kind} {place} keeps them if the PC breaks or is lost.</source>
        <translation>백업이 이 PC에만 있습니다. {kind} {place}에 백업하면 PC가 고장 나거나 분실되어도 백업이 남습니다.</translation>
    </message>
    <message>
        <source>Backups are only on this PC. Choose a USB drive or a OneDrive, Dropbox or Google Drive folder so they survive the PC.</source>
        <translation>백업이 이 PC에만 있습니다. USB 드라이브나 OneDrive·Dropbox·Google Drive 폴더를 백업 폴더로 고르면 PC가 고장 나도 백업이 남습니다.</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>아직 백업이 없습니다.</translation>
    </message>
    <message>
        <source>That was {days} days ago: back up now.</source>
        <translation>{days}일 전 백업입니다. 지금 백업하세요.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>백업하는 중…</translation>
    </message>
    <message>
        <source>Backed up: {path}</source>
        <translation>백업했습니다: {path}</translation>
    </message>
    <message>
        <source>The current data is replaced by this backup:
{path}

Anything entered since is gone (the current file is backed up first). The app closes the database, restores and opens it again. Continue?</source>
        <translation>현재 데이터를 이 백업으로 바꿉니다:
{path}

그 뒤에 입력한 내용은 사라집니다 (현재 파일은 먼저 백업해 둡니다). 앱이 데이터베이스를 닫고 복원한 뒤 다시 엽니다. 계속할까요?</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Checking the backup file…</source>
        <translation>백업 파일을 검사하는 중…</translation>
    </message>
</context>
<context>
    <name>BalancePage</name>
    <message>
        <source>Single-leg balance</source>
        <translation>한발 균형</translation>
    </message>
    <message>
        <source>Hands on the hips; time until the lifted foot touches down or the standing foot moves. Space bar: start/stop the current trial.</source>
        <translation>양손은 허리에. 든 발이 바닥에 닿거나 딛고 선 발이 움직일 때까지의 시간을 잽니다. 스페이스바: 선택한 측정의 시작/정지.</translation>
    </message>
    <message>
        <source>Right foot, eyes open</source>
        <translation>오른발 · 눈 뜨고</translation>
    </message>
    <message>
        <source>Left foot, eyes open</source>
        <translation>왼발 · 눈 뜨고</translation>
    </message>
    <message>
        <source>Right foot, eyes closed</source>
        <translation>오른발 · 눈 감고</translation>
    </message>
    <message>
        <source>Left foot, eyes closed</source>
        <translation>왼발 · 눈 감고</translation>
    </message>
    <message>
        <source>s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>The stopwatch stops by itself at 60 s. Type a time instead if you timed it another way; leave a trial empty if it was not done.</source>
        <translation>스톱워치는 60초에 자동으로 멈춥니다. 다른 방법으로 쟀다면 시간을 직접 입력하고, 하지 않은 측정은 비워 두세요.</translation>
    </message>
</context>
<context>
    <name>BatchExportDialog</name>
    <message>
        <source>Export reports</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>이번 달</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>지난 달</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>최근 3개월</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>올해</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>전체 기간</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>모든 회원</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>Assessment dates</source>
        <translation>평가일</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>One PDF per assessment, named like 2024-03-05_김민수_평가보고서.pdf. Existing files are kept.</source>
        <translation>평가마다 PDF 한 개를 2024-03-05_김민수_평가보고서.pdf 형식의 이름으로 만듭니다. 기존 파일은 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Clients chosen in the list (none chosen)</source>
        <translation>목록에서 선택한 회원 (선택 없음)</translation>
    </message>
    <message>
        <source>Chosen clients: {names} and {more} more</source>
        <translation>선택한 회원: {names} 외 {more}명</translation>
    </message>
    <message>
        <source>Chosen clients: {names}</source>
        <translation>선택한 회원: {names}</translation>
    </message>
    <message>
        <source>Folder for the reports</source>
        <translation>보고서를 저장할 폴더</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>끝 날짜가 시작 날짜보다 빠릅니다.</translation>
    </message>
    <message>
        <source>Choose a folder for the reports.</source>
        <translation>보고서를 저장할 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>폴더가 아니라 파일입니다.</translation>
    </message>
</context>
<context>
    <name>BatchSummaryDialog</name>
    <message>
        <source>Reports exported</source>
        <translation>보고서 내보내기 완료</translation>
    </message>
    <message>
        <source>Export cancelled: {count} of {total} reports were saved.</source>
        <translation>내보내기를 취소했습니다: 보고서 {total}개 중 {count}개를 저장했습니다.</translation>
    </message>
    <message>
        <source>{count} reports were saved.</source>
        <translation>보고서 {count}개를 저장했습니다.</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
</context>
<context>
    <name>BodyPage</name>
    <message>
        <source>Body measurements</source>
        <translation>신체 측정</translation>
    </message>
    <message>
        <source>Height and weight come from the client&apos;s card; correct them if they changed.</source>
        <translation>키와 몸무게는 회원 정보에서 가져왔습니다. 달라졌다면 고쳐 주세요.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>몸무게</translation>
    </message>
    <message>
        <source>Body fat</source>
        <translation>체지방률</translation>
    </message>
    <message>
        <source>Skeletal muscle mass</source>
        <translation>골격근량</translation>
    </message>
    <message>
        <source>BMI</source>
        <translation>BMI</translation>
    </message>
    <message>
        <source>Body fat and muscle mass are optional (from a body-composition scale). The weight is used for the farmer&apos;s carry percentage.</source>
        <translation>체지방률과 골격근량은 선택사항입니다(체성분 측정기). 몸무게는 파머스 캐리의 체중 대비 %에 쓰입니다.</translation>
    </message>
    <message>
        <source>Needs height and weight</source>
        <translation>키와 몸무게가 필요합니다</translation>
    </message>
</context>
<context>
    <name>BonusDialog</name>
    <message>
        <source>Bonus sessions</source>
        <translation>보너스 세션</translation>
    </message>
    <message>
        <source>{client} · {package}: {remaining} sessions left.</source>
        <translation>{client} · {package}: 남은 세션 {remaining}회</translation>
    </message>
    <message>
        <source> sessions</source>
        <translation>회</translation>
    </message>
    <message>
        <source>Required, e.g. promotion, make-up session</source>
        <translation>필수 (예: 프로모션, 보강 세션)</translation>
    </message>
    <message>
        <source>Sessions to add</source>
        <translation>추가할 세션</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Add sessions</source>
        <translation>세션 추가</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Adding sessions…</source>
        <translation>세션을 추가하는 중…</translation>
    </message>
</context>
<context>
    <name>BookSessionDialog</name>
    <message>
        <source>Book session</source>
        <translation>세션 예약</translation>
    </message>
    <message>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>트레이너</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>세션 시간</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Sell a package…</source>
        <translation>패키지 판매…</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Loading the client&apos;s packages…</source>
        <translation>회원의 패키지를 불러오는 중…</translation>
    </message>
    <message>
        <source>Choose a package</source>
        <translation>패키지를 선택하세요</translation>
    </message>
    <message>
        <source>{name} · {available} free of {remaining} left</source>
        <translation>{name} · 잔여 {remaining}회 중 예약 가능 {available}회</translation>
    </message>
    <message>
        <source>{package} (expired)</source>
        <translation>{package} (만료)</translation>
    </message>
    <message>
        <source>{package} (no free session)</source>
        <translation>{package} (예약 가능 세션 없음)</translation>
    </message>
    <message>
        <source>This client has no active package. Sell a package first.</source>
        <translation>이 회원은 사용 중인 패키지가 없습니다. 먼저 패키지를 판매하세요.</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>무제한</translation>
    </message>
    <message>
        <source>Remaining {remaining} · booked ahead {scheduled} · expiry {expiry}</source>
        <translation>남은 세션 {remaining}회 · 예약됨 {scheduled}회 · 만료 {expiry}</translation>
    </message>
    <message>
        <source>Choose the client.</source>
        <translation>회원을 선택하세요.</translation>
    </message>
    <message>
        <source>Choose a package.</source>
        <translation>패키지를 선택하세요.</translation>
    </message>
    <message>
        <source>Choose the trainer.</source>
        <translation>트레이너를 선택하세요.</translation>
    </message>
    <message>
        <source>Booking…</source>
        <translation>예약하는 중…</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>{client} · {time}
{package} · {trainer}
{status} · {remaining} sessions left</source>
        <translation>{client} · {time}
{package} · {trainer}
{status} · 남은 세션 {remaining}회</translation>
    </message>
    <message>
        <source>No trainer</source>
        <translation>트레이너 없음</translation>
    </message>
    <message>
        <source>{count} left</source>
        <translation>잔여 {count}회</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count}건</translation>
    </message>
    <message>
        <source>{client} · {time}
{trainer} · {status}</source>
        <translation>{client} · {time}
{trainer} 트레이너 · {status}</translation>
    </message>
    <message>
        <source>+{count} more</source>
        <translation>+{count}건 더</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>비밀번호 변경</translation>
    </message>
    <message>
        <source>Your password was reset. Choose a new password to continue.</source>
        <translation>비밀번호가 초기화되었습니다. 계속하려면 새 비밀번호를 정하세요.</translation>
    </message>
    <message>
        <source>Choose a new password.</source>
        <translation>새 비밀번호를 정하세요.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>현재 비밀번호</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>새 비밀번호 확인</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>비밀번호가 일치하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>ClientAssessmentsModel</name>
    <message>
        <source>Date</source>
        <translation>평가일</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>종합 점수</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>등급</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>근력</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>유연성</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>균형</translation>
    </message>
    <message>
        <source>Cardio</source>
        <translation>심폐지구력</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>측정 항목</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>채점 방식</translation>
    </message>
    <message>
        <source>All 7</source>
        <translation>7개 모두</translation>
    </message>
    <message>
        <source>Partly measured</source>
        <translation>일부 측정</translation>
    </message>
    <message>
        <source>Imported ({version})</source>
        <translation>가져옴 ({version})</translation>
    </message>
    <message>
        <source>Current rules</source>
        <translation>현재 기준</translation>
    </message>
</context>
<context>
    <name>ClientDetailView</name>
    <message>
        <source>← Client list</source>
        <translation>← 회원 목록</translation>
    </message>
    <message>
        <source>Back to the list (Esc)</source>
        <translation>목록으로 돌아가기 (Esc)</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>새 평가</translation>
    </message>
    <message>
        <source>Sell package</source>
        <translation>패키지 판매</translation>
    </message>
    <message>
        <source>Book session</source>
        <translation>세션 예약</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>Edit the client&apos;s details</source>
        <translation>회원 정보를 수정합니다</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>비활성화</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>회원 정보</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>성별</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>나이</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>생년월일</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Height / weight</source>
        <translation>키 / 몸무게</translation>
    </message>
    <message>
        <source>BMI</source>
        <translation>BMI</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>등록일</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>운동 목표</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>병력·주의사항</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>변화 추이</translation>
    </message>
    <message>
        <source>No assessment yet: the chart appears after the first one.</source>
        <translation>아직 평가 기록이 없습니다. 첫 평가 후 그래프가 표시됩니다.</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>세션 패키지</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>총 세션</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>남은 세션</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>만료일</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>무제한</translation>
    </message>
    <message>
        <source>No package sold yet.</source>
        <translation>판매한 패키지가 없습니다.</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>평가 기록</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>평가일</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>종합 점수</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>근력</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>유연성</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>균형</translation>
    </message>
    <message>
        <source>Cardio</source>
        <translation>심폐지구력</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the assessment</source>
        <translation>두 번 클릭하거나 Enter를 누르면 평가를 엽니다</translation>
    </message>
    <message>
        <source>No assessment yet.</source>
        <translation>평가 기록이 없습니다.</translation>
    </message>
    <message>
        <source>Partly measured</source>
        <translation>일부 측정</translation>
    </message>
    <message>
        <source>{count} (overdrawn)</source>
        <translation>{count} (초과 사용)</translation>
    </message>
    <message>
        <source>More sessions were used than the package holds.</source>
        <translation>패키지 세션보다 많이 사용했습니다.</translation>
    </message>
    <message>
        <source>{count} already booked</source>
        <translation>{count}회 예약됨</translation>
    </message>
    <message>
        <source>Sold on {date}: {bought} sessions, {bonus} bonus, {used} used</source>
        <translation>{date} 구매: {bought}회, 보너스 {bonus}회, 사용 {used}회</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불됨</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>Overdrawn</source>
        <translation>초과 사용</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>소진</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>비활성</translation>
    </message>
    <message>
        <source>{age} years (estimated)</source>
        <translation>{age}세 (추정)</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age}세</translation>
    </message>
    <message>
        <source>{bmi} ({band})</source>
        <translation>{bmi} ({band})</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>지정 안 함</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>다시 활성화</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Edit client</source>
        <translation>회원 정보 수정</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>새 회원 등록</translation>
    </message>
    <message>
        <source>e.g. 김민수</source>
        <translation>예: 김민수</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD (선택 사항)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Active client</source>
        <translation>활성 회원</translation>
    </message>
    <message>
        <source>Injuries, conditions, medication</source>
        <translation>부상, 질환, 복용 약 등</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>이름 *</translation>
    </message>
    <message>
        <source>Gender *</source>
        <translation>성별 *</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>생년월일</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>키 (cm)</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>몸무게 (kg)</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>운동 목표</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>병력·주의사항</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>지정 안 함</translation>
    </message>
    <message>
        <source>BMI {bmi} ({band})</source>
        <translation>BMI {bmi} ({band})</translation>
    </message>
    <message>
        <source>You can still save.</source>
        <translation>확인 후 그대로 저장할 수 있습니다.</translation>
    </message>
    <message>
        <source>Choose the gender.</source>
        <translation>성별을 선택하세요.</translation>
    </message>
    <message>
        <source>Enter a date such as 1990-03-15.</source>
        <translation>1990-03-15 형식으로 입력하세요.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>숫자로 입력하세요.</translation>
    </message>
    <message>
        <source>Enter the client&apos;s name.</source>
        <translation>회원 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>The name needs at least 2 characters.</source>
        <translation>이름은 2자 이상 입력하세요.</translation>
    </message>
    <message>
        <source>Shared phone number</source>
        <translation>같은 전화번호</translation>
    </message>
    <message>
        <source>{members}
Families may share a phone. Save with this number anyway?</source>
        <translation>{members}
가족은 전화번호를 함께 쓸 수 있습니다. 이 번호로 저장할까요?</translation>
    </message>
    <message>
        <source>Saving the client…</source>
        <translation>회원 정보를 저장하는 중…</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>나이</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Last assessed</source>
        <translation>최근 평가일</translation>
    </message>
    <message>
        <source>Inactive client</source>
        <translation>비활성 회원</translation>
    </message>
</context>
<context>
    <name>ClientListPage</name>
    <message>
        <source>Name, initials (ㄱㅁㅅ) or phone&apos;s last 4 digits  (Ctrl+F)</source>
        <translation>이름, 초성(ㄱㅁㅅ), 전화번호 뒤 4자리  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성 회원</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>비활성 회원</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>My clients</source>
        <translation>내 회원</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>새 회원 등록</translation>
    </message>
    <message>
        <source>Register a new client (Ctrl+N)</source>
        <translation>새 회원을 등록합니다 (Ctrl+N)</translation>
    </message>
    <message>
        <source>No client matches.</source>
        <translation>검색 결과가 없습니다.</translation>
    </message>
    <message>
        <source>No clients yet. Press Ctrl+N to register.</source>
        <translation>등록된 회원이 없습니다. Ctrl+N으로 새 회원을 등록하세요.</translation>
    </message>
    <message>
        <source>{count} clients</source>
        <translation>회원 {count}명</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <source>Client and conditions</source>
        <translation>회원 및 테스트 조건</translation>
    </message>
    <message>
        <source>Find the client, then check the date, trainer and setting.</source>
        <translation>회원을 찾은 뒤 평가 날짜, 담당 트레이너, 측정 환경을 확인하세요.</translation>
    </message>
    <message>
        <source>Name, initials (ㄱㅁㅅ) or the last 4 digits of the phone</source>
        <translation>이름, 초성(ㄱㅁㅅ) 또는 전화번호 뒤 4자리</translation>
    </message>
    <message>
        <source>No client chosen</source>
        <translation>선택된 회원 없음</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택사항</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>평가 날짜</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>환경</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>Environment and temperature are recorded and printed; they do not change scores.</source>
        <translation>환경과 온도는 기록되고 보고서에 인쇄되지만 점수에는 영향을 주지 않습니다.</translation>
    </message>
    <message>
        <source>The client could not be loaded.</source>
        <translation>회원 정보를 불러오지 못했습니다.</translation>
    </message>
    <message>
        <source>{age} yrs</source>
        <translation>{age}세</translation>
    </message>
    <message>
        <source>{name} (loading…)</source>
        <translation>{name} (불러오는 중…)</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>Name, initials or last 4 digits</source>
        <translation>이름·초성·전화 뒤 4자리</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>전체 회원</translation>
    </message>
    <message>
        <source>No client found</source>
        <translation>찾은 회원 없음</translation>
    </message>
    <message>
        <source>← Search for a client</source>
        <translation>← 회원을 검색하세요</translation>
    </message>
</context>
<context>
    <name>ClientSearchModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>성별</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>나이</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Last assessed</source>
        <translation>최근 평가일</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>성별</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>나이</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Last assessed</source>
        <translation>최근 평가일</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>종합 점수</translation>
    </message>
    <message>
        <source>Sessions left</source>
        <translation>남은 세션</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>비활성</translation>
    </message>
    <message>
        <source>Overdrawn: more sessions used than bought</source>
        <translation>초과 사용: 구매한 세션보다 많이 사용했습니다</translation>
    </message>
</context>
<context>
    <name>ClientsPane</name>
    <message>
        <source>Clients</source>
        <translation>회원 관리</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>편집…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>비활성화…</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>다시 활성화</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Loading the client…</source>
        <translation>회원 정보를 불러오는 중…</translation>
    </message>
    <message>
        <source>{date} · {item}</source>
        <translation>{date} · {item}</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>members</source>
        <translation>회원목록</translation>
    </message>
    <message>
        <source>{name} has been registered.</source>
        <translation>{name} 회원이 등록되었습니다.</translation>
    </message>
    <message>
        <source>{name} has been updated.</source>
        <translation>{name} 회원 정보가 수정되었습니다.</translation>
    </message>
    <message>
        <source>{name} is already inactive.</source>
        <translation>{name} 회원은 이미 비활성 상태입니다.</translation>
    </message>
    <message>
        <source>Deactivate client</source>
        <translation>회원 비활성화</translation>
    </message>
    <message>
        <source>Deactivate {name}? Inactive clients leave the default list; their records stay and they can be reactivated at any time.</source>
        <translation>{name} 회원을 비활성화할까요? 비활성 회원은 기본 목록에서 빠지지만 기록은 그대로 남고, 언제든 다시 활성화할 수 있습니다.</translation>
    </message>
    <message>
        <source>{name} is now inactive.</source>
        <translation>{name} 회원이 비활성화되었습니다.</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name} 회원이 다시 활성화되었습니다.</translation>
    </message>
    <message>
        <source>Only the owner or a senior trainer can delete clients.</source>
        <translation>회원 삭제는 소유자 또는 시니어 트레이너만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>회원 삭제</translation>
    </message>
    <message>
        <source>Delete {name}? The client disappears from every list together with their assessments and packages. Deactivating keeps the records.</source>
        <translation>{name} 회원을 삭제할까요? 회원과 평가·패키지 기록이 모든 목록에서 사라집니다. 기록을 남기려면 비활성화를 사용하세요.</translation>
    </message>
    <message>
        <source>{name} has been deleted.</source>
        <translation>{name} 회원이 삭제되었습니다.</translation>
    </message>
</context>
<context>
    <name>ColumnMemory</name>
    <message>
        <source>Reset column widths</source>
        <translation>열 너비 초기화</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
    <message>
        <source>Compare assessments of {name}</source>
        <translation>{name} 회원 평가 비교</translation>
    </message>
    <message>
        <source>{first} → {second}: {days} days apart</source>
        <translation>{first} → {second}: {days}일 간격</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Categories and overall</source>
        <translation>카테고리 및 종합 점수</translation>
    </message>
    <message>
        <source>Same band</source>
        <translation>등급 유지</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>등급</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>측정값</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변화</translation>
    </message>
    <message>
        <source>Measured change</source>
        <translation>측정 변화</translation>
    </message>
    <message>
        <source>Band movement</source>
        <translation>등급 변화</translation>
    </message>
</context>
<context>
    <name>ConflictLog</name>
    <message>
        <source>No conflicts. When two desks change the same record, the version that was set aside is kept here.</source>
        <translation>충돌이 없습니다. 두 데스크가 같은 기록을 바꾸면, 채택되지 않은 버전이 여기에 보관됩니다.</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>이 버전으로 복원</translation>
    </message>
    <message>
        <source>Kept (won)</source>
        <translation>채택된 버전</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>밀려난 버전</translation>
    </message>
    <message>
        <source>{entity} {row} · {reason}</source>
        <translation>{entity} {row} · {reason}</translation>
    </message>
    <message>
        <source>The version was restored; it is sent with the next sync.</source>
        <translation>선택한 버전으로 복원했습니다. 다음 동기화 때 서버로 보냅니다.</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Staff account</source>
        <translation>직원 계정</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <source>a newer version from another desk won</source>
        <translation>다른 데스크의 더 최근 버전이 채택됨</translation>
    </message>
    <message>
        <source>edited on two desks; the later edit won</source>
        <translation>두 데스크에서 수정됨, 나중 수정이 채택됨</translation>
    </message>
    <message>
        <source>cancelled on one desk, completed on another</source>
        <translation>한 데스크에서 취소, 다른 데스크에서 완료</translation>
    </message>
    <message>
        <source>status changed on two desks</source>
        <translation>두 데스크에서 상태가 바뀜</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>The5HC closed unexpectedly last time. The details were saved to {path}.</source>
        <translation>지난번에 The5HC가 예기치 않게 종료되었습니다. 자세한 내용은 {path}에 저장되었습니다.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
        <source>Something went wrong that the program did not expect. Your saved data is safe. Please copy the details below and send them to your administrator.</source>
        <translation>프로그램이 예상하지 못한 문제가 발생했습니다. 저장된 데이터는 안전합니다. 아래 내용을 복사하여 관리자에게 보내 주세요.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DashboardPane</name>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Today&apos;s schedule</source>
        <translation>오늘 일정</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Reload the figures (F5)</source>
        <translation>수치를 다시 불러옵니다 (F5)</translation>
    </message>
    <message>
        <source>Active clients</source>
        <translation>활성 회원</translation>
    </message>
    <message>
        <source>Active packages</source>
        <translation>활성 패키지</translation>
    </message>
    <message>
        <source>Sessions this month</source>
        <translation>이번 달 세션</translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation>이번 달 매출</translation>
    </message>
    <message>
        <source>Assessments this month</source>
        <translation>이번 달 평가</translation>
    </message>
    <message>
        <source>Sessions per week (7 weeks)</source>
        <translation>주간 세션 현황 (최근 7주)</translation>
    </message>
    <message>
        <source>Revenue per month (6 months, KRW)</source>
        <translation>월별 매출 현황 (최근 6개월, 원)</translation>
    </message>
    <message>
        <source>Revenue is not shown to front-desk staff.</source>
        <translation>매출은 프런트 직원에게 표시되지 않습니다.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>담당 트레이너</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Sessions left</source>
        <translation>남은 세션</translation>
    </message>
    <message>
        <source>{count} (overdrawn)</source>
        <translation>{count} (초과 사용)</translation>
    </message>
    <message>
        <source>Today&apos;s sessions</source>
        <translation>오늘의 세션</translation>
    </message>
    <message>
        <source>No sessions booked for today.</source>
        <translation>오늘 예약된 세션이 없습니다.</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>최근 활동</translation>
    </message>
    <message>
        <source>Nothing has happened yet.</source>
        <translation>아직 활동이 없습니다.</translation>
    </message>
    <message>
        <source>Two or fewer sessions left</source>
        <translation>남은 세션 2회 이하</translation>
    </message>
    <message>
        <source>Every active client has three or more sessions left.</source>
        <translation>모든 활성 회원의 남은 세션이 3회 이상입니다.</translation>
    </message>
    <message>
        <source>The figures could not be loaded.</source>
        <translation>수치를 불러오지 못했습니다.</translation>
    </message>
    <message>
        <source>Updated at {time}</source>
        <translation>{time} 기준</translation>
    </message>
    <message>
        <source>New this month: +{count}</source>
        <translation>이번 달 신규 +{count}명</translation>
    </message>
    <message>
        <source>{count} clients with two or fewer sessions left</source>
        <translation>남은 세션 2회 이하 회원 {count}명</translation>
    </message>
    <message>
        <source>Scheduled {scheduled} · Completed {completed} · Cancelled {cancelled} · No-show {no_show}</source>
        <translation>예약 {scheduled} · 완료 {completed} · 취소 {cancelled} · 노쇼 {no_show}</translation>
    </message>
    <message>
        <source>Net {amount} after VAT and card fees</source>
        <translation>VAT·카드 수수료 제외 실수령 {amount}</translation>
    </message>
    <message>
        <source>Sum of payments received this month (VAT included)</source>
        <translation>이번 달에 받은 결제 금액의 합계 (VAT 포함)</translation>
    </message>
    <message>
        <source>No scored assessment yet</source>
        <translation>점수가 있는 평가가 아직 없습니다</translation>
    </message>
    <message>
        <source>Average overall score {score}</source>
        <translation>평균 종합 점수 {score}점</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <source>Day close</source>
        <translation>일마감</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>기간(&amp;P)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>이번 주</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>이번 달</translation>
    </message>
</context>
<context>
    <name>DraftListModel</name>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>(no client yet)</source>
        <translation>(회원 미선택)</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>평가 날짜</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>수정 중</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새 평가</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>마지막 저장</translation>
    </message>
</context>
<context>
    <name>DraftsBox</name>
    <message>
        <source>Unfinished assessments on this computer</source>
        <translation>이 컴퓨터에 저장된 작성 중인 평가</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>이어서 작성</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>작성 중인 평가 삭제</translation>
    </message>
    <message>
        <source>None. An assessment left unfinished is kept here, to continue later.</source>
        <translation>없습니다. 끝내지 못한 평가는 여기에 보관되어 나중에 이어서 작성할 수 있습니다.</translation>
    </message>
    <message>
        <source>Delete this unfinished assessment? It cannot be recovered.</source>
        <translation>작성 중인 이 평가를 삭제할까요? 복구할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>FarmerCarryPage</name>
    <message>
        <source>Farmer&apos;s carry</source>
        <translation>파머스 캐리</translation>
    </message>
    <message>
        <source>Time how long the client walks carrying the load; the score uses the time and the load as a share of body weight.</source>
        <translation>무게를 들고 걷는 시간을 잽니다. 점수는 시간과 체중 대비 무게 비율로 계산됩니다.</translation>
    </message>
    <message>
        <source>Load (both hands)</source>
        <translation>무게 (양손 합계)</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>거리</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>% of body weight</source>
        <translation>체중 대비 %</translation>
    </message>
    <message>
        <source>Needs the load and the body weight</source>
        <translation>무게와 몸무게가 필요합니다</translation>
    </message>
    <message>
        <source>{percent} % of {weight} kg</source>
        <translation>체중 {weight}kg의 {percent}%</translation>
    </message>
</context>
<context>
    <name>FirstDayDialog</name>
    <message>
        <source>First-day checklist</source>
        <translation>첫날 체크리스트</translation>
    </message>
    <message>
        <source>Add your staff accounts</source>
        <translation>직원 계정 추가</translation>
    </message>
    <message>
        <source>Settings → Staff accounts</source>
        <translation>설정 → 직원 계정</translation>
    </message>
    <message>
        <source>Check and save the VAT and card fee rates</source>
        <translation>부가세·카드 수수료 요율 확인 후 저장</translation>
    </message>
    <message>
        <source>Settings → Gym settings</source>
        <translation>설정 → 센터 설정</translation>
    </message>
    <message>
        <source>Sell the first package</source>
        <translation>첫 패키지 판매</translation>
    </message>
    <message>
        <source>Sessions → Sell package</source>
        <translation>세션 관리 → 패키지 판매</translation>
    </message>
    <message>
        <source>Go there</source>
        <translation>바로 가기</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <source>Each step ticks itself once it is done.</source>
        <translation>각 단계는 마치면 저절로 체크됩니다.</translation>
    </message>
    <message>
        <source>All set: the desk is ready.</source>
        <translation>준비 완료: 바로 업무를 시작할 수 있습니다.</translation>
    </message>
    <message>
        <source>Open steps are marked ○.</source>
        <translation>남은 단계는 ○로 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to The5HC</source>
        <translation>The5HC에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Create your gym and its owner account to start. To look around first, open the demo database with sample members.</source>
        <translation>시작하려면 센터와 소유자 계정을 만드세요. 먼저 둘러보려면 샘플 회원이 들어 있는 데모 데이터베이스를 여세요.</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>At least 8 characters, not only digits.</source>
        <translation>8자 이상, 숫자로만 이루어질 수 없습니다.</translation>
    </message>
    <message>
        <source>Gym name</source>
        <translation>센터 이름</translation>
    </message>
    <message>
        <source>Owner name</source>
        <translation>소유자 이름</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자명</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <source>Create gym</source>
        <translation>센터 만들기</translation>
    </message>
    <message>
        <source>Open demo database</source>
        <translation>데모 데이터베이스 열기</translation>
    </message>
    <message>
        <source>Join an existing gym</source>
        <translation>기존 센터에 연결</translation>
    </message>
    <message>
        <source>Connect this computer to your gym&apos;s server with the enrolment code; the gym&apos;s data is downloaded and its staff can sign in.</source>
        <translation>등록 코드로 이 컴퓨터를 센터 서버에 연결합니다. 센터 데이터를 내려받은 뒤 센터 직원 계정으로 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>필수 항목입니다.</translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation>올바른 이메일 형식이 아닙니다.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>비밀번호는 최소 8자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The password cannot be only digits.</source>
        <translation>비밀번호는 숫자로만 이루어질 수 없습니다.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>비밀번호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>데이터베이스를 준비하는 중…</translation>
    </message>
</context>
<context>
    <name>GymSettingsForm</name>
    <message>
        <source>A no-show uses up one session</source>
        <translation>노쇼 시 세션 1회 차감</translation>
    </message>
    <message>
        <source>A no-show does not use up a session</source>
        <translation>노쇼 시 세션 차감 안 함</translation>
    </message>
    <message>
        <source>Trainers may edit assessments run by other trainers</source>
        <translation>트레이너가 다른 트레이너의 평가도 수정할 수 있음</translation>
    </message>
    <message>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>Next to the database, in “backups”</source>
        <translation>데이터베이스 옆 “backups” 폴더</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>지금 백업</translation>
    </message>
    <message>
        <source>Gym</source>
        <translation>센터</translation>
    </message>
    <message>
        <source>Gym name</source>
        <translation>센터 이름</translation>
    </message>
    <message>
        <source>Printed at the top of every report.</source>
        <translation>모든 보고서 상단에 인쇄됩니다.</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>요율</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>부가세 (VAT)</translation>
    </message>
    <message>
        <source>Card fee</source>
        <translation>카드 수수료</translation>
    </message>
    <message>
        <source>New rates apply to packages sold from now on.</source>
        <translation>바뀐 요율은 이후 판매하는 패키지부터 적용됩니다.</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>운영 정책</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Screen and security</source>
        <translation>화면 및 보안</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>자동 잠금 (미사용 시)</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>백업 폴더</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>영수증</translation>
    </message>
    <message>
        <source>Business registration no.</source>
        <translation>사업자등록번호</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>대표자</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Printed on every receipt; leave empty what the gym does not want printed.</source>
        <translation>모든 영수증에 인쇄됩니다. 인쇄하지 않을 항목은 비워 두세요.</translation>
    </message>
    <message>
        <source>Only an owner changes the rates.</source>
        <translation>요율은 소유자만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Only owners and senior trainers change the settings.</source>
        <translation>설정은 소유자와 시니어 트레이너만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Enter the gym name.</source>
        <translation>센터 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>설정을 저장했습니다.</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>데이터베이스를 백업하는 중…</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>백업했습니다: {path}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Assessment, single-leg balance: start / stop the stopwatch of the ticked trial</source>
        <translation>평가 · 한발 균형: 선택한 측정의 스톱워치 시작/정지</translation>
    </message>
    <message>
        <source>Schedule: undo the last completed / no-show / cancelled check-off</source>
        <translation>일정: 마지막 완료·노쇼·취소 처리 되돌리기</translation>
    </message>
    <message>
        <source>Sign-in and lock screen: sign in / unlock</source>
        <translation>로그인·잠금 화면: 로그인 / 잠금 해제</translation>
    </message>
    <message>
        <source>Type part of the name, its initial consonants (ㄱㅁㅅ finds 김민수) or the last four digits of the phone (5678). Spaces and hyphens are ignored.</source>
        <translation>이름 일부, 초성(ㄱㅁㅅ로 김민수 찾기) 또는 전화번호 뒤 4자리(5678)를 입력하세요. 띄어쓰기와 하이픈은 무시합니다.</translation>
    </message>
    <message>
        <source>Space bar: start / stop the stopwatch of the ticked trial, also while the cursor is in a field.</source>
        <translation>스페이스바: 선택한 측정의 스톱워치 시작/정지 (입력 칸에 커서가 있어도 됩니다).</translation>
    </message>
</context>
<context>
    <name>JoinGymDialog</name>
    <message>
        <source>Join an existing gym</source>
        <translation>기존 센터에 연결</translation>
    </message>
    <message>
        <source>Enter the enrolment code and the device secret that the server administrator gave you for this computer. The gym&apos;s data is then downloaded; it can take a few minutes for a large gym.</source>
        <translation>서버 관리자가 이 컴퓨터용으로 준 등록 코드와 기기 비밀번호를 입력하세요. 이어서 센터 데이터를 내려받습니다. 큰 센터는 몇 분 걸릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Connect and download</source>
        <translation>연결하고 내려받기</translation>
    </message>
    <message>
        <source>Enter the enrolment code and the device secret.</source>
        <translation>등록 코드와 기기 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Downloading the gym&apos;s data…</source>
        <translation>센터 데이터를 내려받는 중…</translation>
    </message>
    <message>
        <source>Downloading: {rows} records</source>
        <translation>내려받는 중: {rows}건</translation>
    </message>
    <message>
        <source>Checking: {rows} records</source>
        <translation>확인 중: {rows}건</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Screen language</source>
        <translation>화면 언어</translation>
    </message>
    <message>
        <source>Your own choice on this computer (this Windows user); other staff and other PCs keep theirs. It applies when the program restarts. Reports and receipts are always printed in Korean.</source>
        <translation>이 컴퓨터(현재 Windows 사용자)만의 설정이며, 다른 직원과 다른 PC의 언어는 바뀌지 않습니다. 프로그램을 다시 시작하면 적용됩니다. 보고서와 영수증은 항상 한국어로 출력됩니다.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language applies when the program restarts.</source>
        <translation>새 언어는 프로그램을 다시 시작하면 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ListPrintDialog</name>
    <message>
        <source>Print: {title}</source>
        <translation>인쇄: {title}</translation>
    </message>
    <message>
        <source>Only the first {count} rows are printed.</source>
        <translation>처음 {count}행만 인쇄됩니다.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The5HC is locked</source>
        <translation>The5HC 잠김</translation>
    </message>
    <message>
        <source>The5HC is locked. Enter the password of {name} to continue.</source>
        <translation>The5HC가 잠겼습니다. 계속하려면 {name}님의 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>비밀번호가 올바르지 않습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The5HC Desktop</source>
        <translation>The5HC Desktop</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>잠김</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>잠금 해제…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>About The5HC Desktop</source>
        <translation>The5HC Desktop 정보</translation>
    </message>
    <message>
        <source>The5HC Desktop {version}
Fitness assessment and training management for personal-training gyms.</source>
        <translation>The5HC Desktop {version}
퍼스널 트레이닝 센터를 위한 체력 평가 및 트레이닝 관리 프로그램입니다.</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>데이터베이스: {name}</translation>
    </message>
    <message>
        <source>The5HC</source>
        <translation>The5HC</translation>
    </message>
</context>
<context>
    <name>MemberHistoryView</name>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>트레이너</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>No session booked yet.</source>
        <translation>아직 예약한 세션이 없습니다.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>인쇄…</translation>
    </message>
    <message>
        <source>Print the member&apos;s sessions</source>
        <translation>회원의 세션 목록을 인쇄합니다</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>결제일</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the receipt</source>
        <translation>두 번 클릭하거나 Enter를 누르면 영수증이 열립니다</translation>
    </message>
    <message>
        <source>No payment yet.</source>
        <translation>아직 결제가 없습니다.</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>영수증…</translation>
    </message>
    <message>
        <source>Print the member&apos;s payments</source>
        <translation>회원의 결제 목록을 인쇄합니다</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>결제</translation>
    </message>
</context>
<context>
    <name>MergeMembersDialog</name>
    <message>
        <source>packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>health screenings</source>
        <translation>건강 설문</translation>
    </message>
    <message>
        <source>assessment health records</source>
        <translation>평가 건강 기록</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Only the owner or a senior trainer can merge members.</source>
        <translation>회원 병합은 대표와 선임 트레이너만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>First select one of the two members in the list.</source>
        <translation>병합할 회원을 먼저 목록에서 선택하세요.</translation>
    </message>
    <message>
        <source>Members merged: {moved}</source>
        <translation>회원을 병합했습니다: {moved}</translation>
    </message>
    <message>
        <source>Merge with another member…</source>
        <translation>다른 회원과 병합…</translation>
    </message>
    <message>
        <source>no records to move</source>
        <translation>옮길 기록 없음</translation>
    </message>
    <message>
        <source>Merge members</source>
        <translation>회원 병합</translation>
    </message>
    <message>
        <source>For one person registered twice. The packages, sessions, assessments and payments of the member not kept move to the member kept, whose record is then deleted. A merge cannot be undone.</source>
        <translation>한 사람이 두 회원으로 나뉘어 있을 때 하나로 합칩니다. 남기지 않는 회원의 패키지·세션·평가·결제가 남기는 회원으로 옮겨지고, 그 회원 기록은 삭제됩니다. 병합은 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Find the other member: name, initials (ㄱㅁㅅ) or phone</source>
        <translation>다른 회원 찾기: 이름, 초성(ㄱㅁㅅ) 또는 전화번호</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>병합…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source> (inactive)</source>
        <translation> (비활성)</translation>
    </message>
    <message>
        <source>{packages} package(s), {sessions} session(s), {assessments} assessment(s) and {payments} payment(s) of {gone} move to {kept}, and the record of {gone} is deleted.

A merge cannot be undone. Continue?</source>
        <translation>{gone}의 패키지 {packages}개, 세션 {sessions}개, 평가 {assessments}개, 결제 {payments}건이 {kept} 회원으로 옮겨지고 {gone} 회원 기록은 삭제됩니다.

병합은 되돌릴 수 없습니다. 계속할까요?</translation>
    </message>
    <message>
        <source>Merging the members…</source>
        <translation>회원을 병합하는 중…</translation>
    </message>
    <message>
        <source>Merged. Records now under {name}: {moved}</source>
        <translation>병합했습니다. {name} 회원으로 옮긴 기록: {moved}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>OverheadSquatPage</name>
    <message>
        <source>Overhead squat</source>
        <translation>오버헤드 스쿼트</translation>
    </message>
    <message>
        <source>Arms straight overhead, squat as deep as possible; watch from the front and the side.</source>
        <translation>팔을 머리 위로 곧게 뻗고 최대한 깊이 앉습니다. 앞과 옆에서 관찰하세요.</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>선택 안 함</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>수행 품질</translation>
    </message>
    <message>
        <source>Compensations</source>
        <translation>동작 보상</translation>
    </message>
    <message>
        <source>Score (0–3)</source>
        <translation>점수 (0–3)</translation>
    </message>
</context>
<context>
    <name>PackagesPanel</name>
    <message>
        <source>Sell package…</source>
        <translation>패키지 판매…</translation>
    </message>
    <message>
        <source>Book session…</source>
        <translation>세션 예약…</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>판매일</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제 금액</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>구매</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>남은 세션</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>만료일</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Selected package</source>
        <translation>선택한 패키지</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>보너스</translation>
    </message>
    <message>
        <source>Refunded sessions</source>
        <translation>환불</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불됨</translation>
    </message>
    <message>
        <source>Booked ahead</source>
        <translation>예약된 세션</translation>
    </message>
    <message>
        <source>Still bookable</source>
        <translation>예약 가능</translation>
    </message>
    <message>
        <source>Bonus sessions…</source>
        <translation>보너스 세션…</translation>
    </message>
    <message>
        <source>Refund unused…</source>
        <translation>미사용 세션 환불…</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>무제한</translation>
    </message>
    <message>
        <source>Overdrawn</source>
        <translation>초과 사용</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>비활성</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>소진</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>No package to book on. Sell a package first.</source>
        <translation>예약할 패키지가 없습니다. 패키지를 먼저 판매하세요.</translation>
    </message>
    <message>
        <source>No bookable session (the remaining sessions are all booked). Sell a package.</source>
        <translation>예약 가능한 세션이 없습니다 (남은 세션이 모두 예약됨). 패키지를 판매하세요.</translation>
    </message>
    <message>
        <source>No bookable session (used up, expired or refunded). Sell a package.</source>
        <translation>예약 가능한 세션이 없습니다 (사용 완료·만료·환불). 패키지를 판매하세요.</translation>
    </message>
    <message>
        <source>Find a client to see their packages.</source>
        <translation>회원을 찾으면 패키지가 표시됩니다.</translation>
    </message>
    <message>
        <source>This client has no package yet.</source>
        <translation>이 회원은 아직 패키지가 없습니다.</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count}회</translation>
    </message>
    <message>
        <source>{count} (overdrawn)</source>
        <translation>{count} (초과 사용)</translation>
    </message>
    <message>
        <source>{count} bonus sessions added to {client}.</source>
        <translation>{client} 회원에게 보너스 세션 {count}회를 추가했습니다.</translation>
    </message>
    <message>
        <source>Refunded {amount} to {client}.</source>
        <translation>{client} 회원에게 {amount}을 환불했습니다.</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Date</source>
        <translation>결제일</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Paid (VAT incl.)</source>
        <translation>결제 금액 (VAT 포함)</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>부가세</translation>
    </message>
    <message>
        <source>Card fee</source>
        <translation>카드 수수료</translation>
    </message>
    <message>
        <source>Net received</source>
        <translation>실 수령액</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>담당</translation>
    </message>
</context>
<context>
    <name>PaymentsPanel</name>
    <message>
        <source>All methods</source>
        <translation>전체 결제 수단</translation>
    </message>
    <message>
        <source>From</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>영수증…</translation>
    </message>
    <message>
        <source>Bonus sessions…</source>
        <translation>보너스 세션…</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>환불…</translation>
    </message>
    <message>
        <source>Loading payments…</source>
        <translation>결제 내역을 불러오는 중…</translation>
    </message>
    <message>
        <source>{count} payments · paid {gross} · VAT {vat} · card fees {fee} · net {net}</source>
        <translation>{count}건 · 결제 {gross} · 부가세 {vat} · 카드 수수료 {fee} · 실 수령액 {net}</translation>
    </message>
    <message>
        <source>{date} · {client} · {item} · {amount} ({method})</source>
        <translation>{date} · {client} · {item} · {amount} ({method})</translation>
    </message>
    <message>
        <source>{count} bonus sessions added to {client}.</source>
        <translation>{client} 회원에게 보너스 세션 {count}회를 추가했습니다.</translation>
    </message>
    <message>
        <source>Refunded {amount} to {client}.</source>
        <translation>{client} 회원에게 {amount}을 환불했습니다.</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>PDF로 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>준비하는 중…</translation>
    </message>
    <message>
        <source>The document could not be shown.</source>
        <translation>문서를 표시할 수 없습니다.</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>표시할 내용이 없습니다.</translation>
    </message>
    <message>
        <source>The document could not be printed. Check the printer and try again.</source>
        <translation>인쇄하지 못했습니다. 프린터를 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>프린터로 보냈습니다.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF로 저장</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>{file} 파일로 저장했습니다.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Choose a client and an assessment to preview its report.</source>
        <translation>회원과 평가를 선택하면 보고서를 미리 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>축소 (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>확대 (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>너비 맞춤</translation>
    </message>
    <message>
        <source>Fit the page width to the window</source>
        <translation>페이지 너비를 창에 맞춥니다</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>전체 페이지</translation>
    </message>
    <message>
        <source>Show whole pages</source>
        <translation>페이지 전체를 보여 줍니다</translation>
    </message>
    <message>
        <source>{pages} pages</source>
        <translation>{pages}쪽</translation>
    </message>
</context>
<context>
    <name>PushUpPage</name>
    <message>
        <source>Push-up</source>
        <translation>푸시업</translation>
    </message>
    <message>
        <source>Count the repetitions done with good form, without a time limit.</source>
        <translation>시간 제한 없이 바른 자세로 해낸 반복 횟수를 셉니다.</translation>
    </message>
    <message>
        <source>Knee and wall push-ups are scored against scaled standards; treat their score as approximate.</source>
        <translation>무릎·벽 푸시업은 환산 기준으로 채점하므로 점수는 참고용입니다.</translation>
    </message>
    <message>
        <source>Push-up type</source>
        <translation>푸시업 타입</translation>
    </message>
    <message>
        <source>reps</source>
        <translation>회</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>반복 횟수</translation>
    </message>
</context>
<context>
    <name>ReceiptChoices</name>
    <message>
        <source>Save receipt</source>
        <translation>영수증 저장</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt</source>
        <translation>영수증</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Client&apos;s copy</source>
        <translation>회원용</translation>
    </message>
    <message>
        <source>Gym&apos;s copy (with card fee and net)</source>
        <translation>보관용 (카드 수수료·실 수령액 포함)</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4 용지</translation>
    </message>
    <message>
        <source>80 mm receipt printer</source>
        <translation>80mm 영수증 프린터</translation>
    </message>
    <message>
        <source>Remembered on this PC</source>
        <translation>이 PC에 기억됩니다</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>인쇄…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF로 저장…</translation>
    </message>
    <message>
        <source>Receipt:</source>
        <translation>영수증:</translation>
    </message>
    <message>
        <source>Writing the receipt…</source>
        <translation>영수증을 만드는 중…</translation>
    </message>
    <message>
        <source>Receipt saved: {file}</source>
        <translation>영수증을 저장했습니다: {file}</translation>
    </message>
    <message>
        <source>Preparing the receipt…</source>
        <translation>영수증을 준비하는 중…</translation>
    </message>
    <message>
        <source>The receipt could not be printed: {error}</source>
        <translation>영수증을 인쇄하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>Receipt sent to the printer.</source>
        <translation>영수증을 프린터로 보냈습니다.</translation>
    </message>
</context>
<context>
    <name>RecordCard</name>
    <message>
        <source>Keep this member</source>
        <translation>이 회원을 남깁니다</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>생년월일</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>등록일</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>세션</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Choose the other member</source>
        <translation>다른 회원을 선택하세요</translation>
    </message>
</context>
<context>
    <name>RecurringBookingDialog</name>
    <message>
        <source>Recurring booking</source>
        <translation>반복 예약</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source> times</source>
        <translation>회</translation>
    </message>
    <message>
        <source>until</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>Repeat on</source>
        <translation>반복 요일</translation>
    </message>
    <message>
        <source>Ends after</source>
        <translation>횟수</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Preview the dates before booking.</source>
        <translation>예약하기 전에 날짜를 미리 보세요.</translation>
    </message>
    <message>
        <source>Choose the client.</source>
        <translation>회원을 선택하세요.</translation>
    </message>
    <message>
        <source>Choose a package.</source>
        <translation>패키지를 선택하세요.</translation>
    </message>
    <message>
        <source>Checking the dates…</source>
        <translation>날짜를 확인하는 중…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>가능</translation>
    </message>
    <message>
        <source>Skipped: {reason}</source>
        <translation>건너뜀: {reason}</translation>
    </message>
    <message>
        <source>Book {count} sessions</source>
        <translation>세션 {count}개 예약</translation>
    </message>
    <message>
        <source>{chosen} dates chosen · {bookable} sessions free in the package · {conflicts} in conflict</source>
        <translation>{chosen}개 날짜 선택 · 패키지 예약 가능 {bookable}회 · 충돌 {conflicts}건</translation>
    </message>
    <message>
        <source>too few sessions: untick some dates or sell more.</source>
        <translation>세션이 부족합니다: 날짜를 빼거나 패키지를 더 판매하세요.</translation>
    </message>
    <message>
        <source>Booking…</source>
        <translation>예약하는 중…</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Cancel the {count} booked session(s) first.</source>
        <translation>예약된 세션 {count}건을 먼저 취소하세요.</translation>
    </message>
    <message>
        <source>Refund unused sessions</source>
        <translation>미사용 세션 환불</translation>
    </message>
    <message>
        <source>{client} · {package}
Unused sessions: {unused} × {price} → refund about {amount}. The package becomes inactive.</source>
        <translation>{client} · {package}
미사용 세션 {unused}회 × {price} → 환불 예정 금액 약 {amount}. 환불 후 패키지는 비활성이 됩니다.</translation>
    </message>
    <message>
        <source>Required, e.g. moved away, injury</source>
        <translation>필수 (예: 이사, 부상)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>환불</translation>
    </message>
    <message>
        <source>There are no unused sessions to refund.</source>
        <translation>환불할 남은 세션이 없습니다.</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Refund {unused} unused sessions of {client} ({amount})? A refund cannot be undone.</source>
        <translation>{client} 회원의 미사용 세션 {unused}회({amount})를 환불할까요? 환불은 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Refunding…</source>
        <translation>환불하는 중…</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <source>Reports</source>
        <translation>리포트</translation>
    </message>
    <message>
        <source>Find a client: name, ㄱㅁㅅ or phone digits</source>
        <translation>회원 찾기: 이름, 초성(ㄱㅁㅅ) 또는 전화번호</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>평가 목록</translation>
    </message>
    <message>
        <source>One assessment shows its report; Ctrl+click a second one to compare the two.</source>
        <translation>평가 하나를 고르면 보고서를, Ctrl+클릭으로 하나 더 고르면 비교 보고서를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>인쇄…</translation>
    </message>
    <message>
        <source>Print this report (Ctrl+P)</source>
        <translation>이 보고서를 인쇄합니다 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF로 저장…</translation>
    </message>
    <message>
        <source>Save this report as a PDF file (Ctrl+E)</source>
        <translation>이 보고서를 PDF 파일로 저장합니다 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export many…</source>
        <translation>일괄 내보내기…</translation>
    </message>
    <message>
        <source>Save the reports of a period or of the chosen clients into a folder</source>
        <translation>기간별 또는 선택한 회원의 보고서를 한 폴더에 저장합니다</translation>
    </message>
    <message>
        <source>Day close…</source>
        <translation>일마감…</translation>
    </message>
    <message>
        <source>Sales by payment method, refunds and sessions of a day or a period (Ctrl+Shift+D)</source>
        <translation>하루 또는 기간의 결제 수단별 매출, 환불, 세션 현황 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>{shown} of {total} clients; type more of the name to narrow the list.</source>
        <translation>회원 {total}명 중 {shown}명 표시 — 이름을 더 입력해 범위를 좁히세요.</translation>
    </message>
    <message>
        <source>No client matches.</source>
        <translation>일치하는 회원이 없습니다.</translation>
    </message>
    <message>
        <source>{count} clients</source>
        <translation>회원 {count}명</translation>
    </message>
    <message>
        <source>Loading the assessments…</source>
        <translation>평가 목록을 불러오는 중…</translation>
    </message>
    <message>
        <source>Assessments of {name}</source>
        <translation>{name} 회원의 평가</translation>
    </message>
    <message>
        <source>{name} has no assessments yet.</source>
        <translation>{name} 회원은 아직 평가 기록이 없습니다.</translation>
    </message>
    <message>
        <source>No assessments yet.</source>
        <translation>아직 평가 기록이 없습니다.</translation>
    </message>
    <message>
        <source>Choose an assessment to preview its report.</source>
        <translation>평가를 선택하면 보고서를 미리 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Choose one assessment, or two to compare.</source>
        <translation>평가를 하나 선택하거나, 비교하려면 두 개를 선택하세요.</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>보고서를 만드는 중…</translation>
    </message>
    <message>
        <source>The report could not be shown.</source>
        <translation>보고서를 표시할 수 없습니다.</translation>
    </message>
    <message>
        <source>{name} · comparison {before} → {after}</source>
        <translation>{name} · 비교 {before} → {after}</translation>
    </message>
    <message>
        <source>{name} · assessment of {date}</source>
        <translation>{name} · {date} 평가</translation>
    </message>
    <message>
        <source>Choose an assessment to print first.</source>
        <translation>먼저 인쇄할 평가를 선택하세요.</translation>
    </message>
    <message>
        <source>The report could not be printed. Check the printer and try again.</source>
        <translation>보고서를 인쇄할 수 없습니다. 프린터를 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The report was sent to the printer.</source>
        <translation>보고서를 프린터로 보냈습니다.</translation>
    </message>
    <message>
        <source>Choose an assessment to save first.</source>
        <translation>먼저 저장할 평가를 선택하세요.</translation>
    </message>
    <message>
        <source>Save report as PDF</source>
        <translation>보고서를 PDF로 저장</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>보고서를 저장하는 중…</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>{file} 파일을 저장했습니다.</translation>
    </message>
    <message>
        <source>{done} of {total} reports</source>
        <translation>보고서 {total}개 중 {done}개</translation>
    </message>
    <message>
        <source>Exporting reports…</source>
        <translation>보고서를 내보내는 중…</translation>
    </message>
    <message>
        <source>No assessment matches; nothing was exported.</source>
        <translation>해당하는 평가가 없어 내보낸 파일이 없습니다.</translation>
    </message>
    <message>
        <source>{count} reports exported.</source>
        <translation>보고서 {count}개를 내보냈습니다.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review and save</source>
        <translation>결과 확인 및 저장</translation>
    </message>
    <message>
        <source>These are the numbers that will be saved. Untested items show as not measured.</source>
        <translation>아래 점수가 그대로 저장됩니다. 하지 않은 테스트는 미측정으로 표시됩니다.</translation>
    </message>
    <message>
        <source>Notes for this assessment (optional)</source>
        <translation>이 평가에 대한 메모 (선택사항)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>측정값</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>카테고리</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>종합 점수</translation>
    </message>
    <message>
        <source>Injury risk</source>
        <translation>부상 위험도</translation>
    </message>
    <message>
        <source>All 7 tests measured</source>
        <translation>7개 테스트 모두 측정</translation>
    </message>
    <message>
        <source>Partly measured: {n} of 7 tests</source>
        <translation>일부 측정: 7개 중 {n}개 테스트</translation>
    </message>
    <message>
        <source>PFI: {pfi}</source>
        <translation>PFI: {pfi}</translation>
    </message>
    <message>
        <source>Not calculated</source>
        <translation>미계산</translation>
    </message>
    <message>
        <source>Partly measured</source>
        <translation>일부 측정</translation>
    </message>
    <message>
        <source>{reps} reps ({kind})</source>
        <translation>{reps}회 ({kind})</translation>
    </message>
    <message>
        <source>{time} s · {load} kg · {distance} m</source>
        <translation>{time}초 · {load}kg · {distance}m</translation>
    </message>
    <message>
        <source>L {left} / R {right} cm</source>
        <translation>좌 {left} / 우 {right} cm</translation>
    </message>
    <message>
        <source>{sides}, pain</source>
        <translation>{sides}, 통증</translation>
    </message>
    <message>
        <source>{n} compensations</source>
        <translation>보상 동작 {n}개</translation>
    </message>
    <message>
        <source>open R {a} / L {b} · closed R {c} / L {d} s</source>
        <translation>눈 뜨고 우 {a} / 좌 {b} · 눈 감고 우 {c} / 좌 {d}초</translation>
    </message>
    <message>
        <source>PFI {pfi} · {time} s</source>
        <translation>PFI {pfi} · {time}초</translation>
    </message>
    <message>
        <source>Primary concerns</source>
        <translation>주요 우려사항</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>개선 제안사항</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>역할 변경</translation>
    </message>
    <message>
        <source>New role for {name}:</source>
        <translation>{name}님의 새 역할:</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>Click a free time to book; right-click a session for its actions.</source>
        <translation>빈 시간을 누르면 예약, 세션을 오른쪽 클릭하면 처리 메뉴가 열립니다.</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>일</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>주</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>All trainers</source>
        <translation>모든 트레이너</translation>
    </message>
    <message>
        <source>Sell package…</source>
        <translation>패키지 판매…</translation>
    </message>
    <message>
        <source>Book session…</source>
        <translation>세션 예약…</translation>
    </message>
    <message>
        <source>Book a session (Ctrl+B)</source>
        <translation>세션 예약 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Recurring…</source>
        <translation>반복 예약…</translation>
    </message>
    <message>
        <source>Book a weekly series (e.g. Mon·Wed 19:00, 10 times)</source>
        <translation>매주 반복 예약 (예: 월·수 19:00, 10회)</translation>
    </message>
    <message>
        <source>Loading the calendar…</source>
        <translation>일정을 불러오는 중…</translation>
    </message>
    <message>
        <source>Today · {day} · {count} sessions</source>
        <translation>오늘의 세션 · {day} · {count}건</translation>
    </message>
    <message>
        <source>+{count} more — open the day by trainer</source>
        <translation>+{count}건 더 — 트레이너별 일간 보기 열기</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>예약 취소</translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation>근무 시간 밖</translation>
    </message>
    <message>
        <source>{reason}
Move the session anyway?</source>
        <translation>{reason}
그래도 세션을 옮길까요?</translation>
    </message>
    <message>
        <source>Not moved: {reason}</source>
        <translation>옮기지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>{client}: moved back to {when}.</source>
        <translation>{client}: {when} 일정으로 되돌렸습니다.</translation>
    </message>
    <message>
        <source>{client}: moved to {when} with {trainer}.</source>
        <translation>{client}: {when}, {trainer} 트레이너로 옮겼습니다.</translation>
    </message>
    <message>
        <source>{client}: no-show undone. {count} sessions left.</source>
        <translation>{client}: 노쇼를 되돌렸습니다. 남은 세션 {count}회.</translation>
    </message>
    <message>
        <source>{client}: cancellation undone, booked again. {count} sessions left.</source>
        <translation>{client}: 취소를 되돌려 다시 예약했습니다. 남은 세션 {count}회.</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation>Ctrl+Z로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Undo the last check-off or move</source>
        <translation>마지막 처리나 이동 되돌리기</translation>
    </message>
    <message>
        <source>Client&apos;s packages</source>
        <translation>회원의 패키지</translation>
    </message>
    <message>
        <source>Complete session</source>
        <translation>세션 완료</translation>
    </message>
    <message>
        <source>Mark {client}&apos;s session ({when}) as completed?
One session is used: {before} → {after} left.</source>
        <translation>{client} 회원의 세션({when})을 완료 처리할까요?
세션 1회가 차감됩니다: 남은 세션 {before} → {after}회</translation>
    </message>
    <message>
        <source>Mark {client}&apos;s session ({when}) as a no-show?
A no-show uses one session: {before} → {after} left.</source>
        <translation>{client} 회원의 세션({when})을 노쇼로 처리할까요?
노쇼도 세션 1회가 차감됩니다: 남은 세션 {before} → {after}회</translation>
    </message>
    <message>
        <source>{client}: session completed. {count} sessions left.</source>
        <translation>{client}: 세션을 완료했습니다. 남은 세션 {count}회.</translation>
    </message>
    <message>
        <source>{client}: marked as a no-show. {count} sessions left.</source>
        <translation>{client}: 노쇼로 처리했습니다. 남은 세션 {count}회.</translation>
    </message>
    <message>
        <source>{client}: booking cancelled. {count} sessions left.</source>
        <translation>{client}: 예약을 취소했습니다. 남은 세션 {count}회.</translation>
    </message>
    <message>
        <source>{client}: completion undone. {count} sessions left.</source>
        <translation>{client}: 완료를 취소했습니다. 남은 세션 {count}회.</translation>
    </message>
</context>
<context>
    <name>ScoreChoice</name>
    <message>
        <source>Not measured</source>
        <translation>미측정</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>제안 점수 사용</translation>
    </message>
    <message>
        <source>No suggestion yet</source>
        <translation>제안 점수 없음</translation>
    </message>
    <message>
        <source>Suggested: {score} – {word}</source>
        <translation>제안: {score} – {word}</translation>
    </message>
</context>
<context>
    <name>ScoreRowModel</name>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>평가</translation>
    </message>
</context>
<context>
    <name>SellPackageDialog</name>
    <message>
        <source>Sell package</source>
        <translation>패키지 판매</translation>
    </message>
    <message>
        <source> won</source>
        <translation> 원</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>만료일 지정</translation>
    </message>
    <message>
        <source>(none: unlimited)</source>
        <translation>(지정 안 함: 무제한)</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Amount paid (VAT included)</source>
        <translation>총 금액 (VAT 포함)</translation>
    </message>
    <message>
        <source>Price per session</source>
        <translation>세션당 가격</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Package name (optional)</source>
        <translation>패키지명 (선택)</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>판매</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>금액 내역</translation>
    </message>
    <message>
        <source>Supply value</source>
        <translation>공급가액</translation>
    </message>
    <message>
        <source>VAT ({rate})</source>
        <translation>부가세 ({rate})</translation>
    </message>
    <message>
        <source>Card fee ({rate})</source>
        <translation>카드 수수료 ({rate})</translation>
    </message>
    <message>
        <source>Net received</source>
        <translation>실 수령액</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>세션 수</translation>
    </message>
    <message>
        <source>Remainder (not in sessions)</source>
        <translation>나머지 (세션 미포함)</translation>
    </message>
    <message>
        <source>Round down, note the remainder</source>
        <translation>내림하고 나머지 기록</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count}회</translation>
    </message>
    <message>
        <source>{count}-session package</source>
        <translation>{count}회 패키지</translation>
    </message>
    <message>
        <source>{amount} at {price} per session is {count} sessions with {remainder} left over. Round down and note the remainder on the payment, or adjust the price.</source>
        <translation>{amount}을 세션 단가 {price}으로 나누면 {count}회이고 {remainder}이 남습니다. 내림하여 결제 내역에 나머지를 기록하거나 단가를 조정하세요.</translation>
    </message>
    <message>
        <source>Price {price} ({count} sessions)</source>
        <translation>단가 {price}으로 조정 ({count}회)</translation>
    </message>
    <message>
        <source>Choose the client.</source>
        <translation>회원을 선택하세요.</translation>
    </message>
    <message>
        <source>Choose what happens to the remainder.</source>
        <translation>나머지 금액의 처리 방법을 선택하세요.</translation>
    </message>
    <message>
        <source>Selling the package…</source>
        <translation>패키지를 판매하는 중…</translation>
    </message>
    <message>
        <source>Sold {name} to {client}: {count} sessions for {amount}.</source>
        <translation>{client} 회원에게 {name} 판매 완료: {count}회, {amount}.</translation>
    </message>
    <message>
        <source>Package sold</source>
        <translation>패키지 판매 완료</translation>
    </message>
    <message>
        <source>Looking up the payment for the receipt…</source>
        <translation>영수증용 결제 내역을 찾는 중…</translation>
    </message>
    <message>
        <source>The payment was not found; print the receipt from the payments list.</source>
        <translation>결제 내역을 찾지 못했습니다. 결제 탭에서 영수증을 출력하세요.</translation>
    </message>
    <message>
        <source>The gym&apos;s copy also shows the card fee and the net amount; the client&apos;s copy does not.</source>
        <translation>보관용에는 카드 수수료와 실 수령액이 표시되고, 회원용에는 표시되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <source>Enrolment code from the server administrator</source>
        <translation>서버 관리자에게 받은 등록 코드</translation>
    </message>
    <message>
        <source>The gym&apos;s CA certificate (.crt, .pem)</source>
        <translation>센터의 CA 인증서 (.crt, .pem)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>등록 코드</translation>
    </message>
    <message>
        <source>Device secret</source>
        <translation>기기 비밀번호</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>SSL 모드</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 파일</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 인증서</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer)</source>
        <translation>인증서 (*.crt *.pem *.cer)</translation>
    </message>
</context>
<context>
    <name>SessionDetail</name>
    <message>
        <source>Selected session</source>
        <translation>선택한 세션</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>트레이너</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>남은 세션</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Undo no-show</source>
        <translation>노쇼 되돌리기</translation>
    </message>
    <message>
        <source>Undo cancellation</source>
        <translation>취소 되돌리기</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>예약 취소</translation>
    </message>
    <message>
        <source>Undo completion</source>
        <translation>완료 취소</translation>
    </message>
    <message>
        <source>Packages…</source>
        <translation>패키지…</translation>
    </message>
    <message>
        <source>Click a session in the calendar.</source>
        <translation>달력에서 세션을 누르세요.</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count}회</translation>
    </message>
</context>
<context>
    <name>SessionsPane</name>
    <message>
        <source>Sessions</source>
        <translation>세션 관리</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>일정</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Today&apos;s schedule</source>
        <translation>오늘 일정</translation>
    </message>
    <message>
        <source>Booked {count} sessions for {client}, from {when}.</source>
        <translation>{client} 회원 세션 {count}개를 예약했습니다 ({when}부터).</translation>
    </message>
    <message>
        <source>Booked {client} on {when} with {trainer}.</source>
        <translation>{client} 회원의 세션을 예약했습니다: {when}, {trainer} 트레이너.</translation>
    </message>
    <message>
        <source>{client}: {name} sold ({count} sessions).</source>
        <translation>{client}: {name} 판매 완료 ({count}회).</translation>
    </message>
</context>
<context>
    <name>SettingsPane</name>
    <message>
        <source>Gym settings</source>
        <translation>센터 설정</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>직원 계정</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>내 계정</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>로그인 계정</translation>
    </message>
    <message>
        <source>{name} ({username}) · {role}</source>
        <translation>{name} ({username}) · {role}</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>비밀번호 변경…</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>비밀번호를 변경했습니다.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>기능</translation>
    </message>
    <message>
        <source>Menus show the same keys next to each command.</source>
        <translation>메뉴에도 각 명령 옆에 같은 키가 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>ShoulderPage</name>
    <message>
        <source>Shoulder mobility</source>
        <translation>어깨 가동성</translation>
    </message>
    <message>
        <source>Measure the distance between the fists behind the back on each side, then do the clearing test.</source>
        <translation>등 뒤에서 양 주먹 사이의 거리를 좌우 각각 잰 다음 클리어링 테스트를 합니다.</translation>
    </message>
    <message>
        <source>Left (left hand on top)</source>
        <translation>왼쪽 (왼손이 위)</translation>
    </message>
    <message>
        <source>Right (right hand on top)</source>
        <translation>오른쪽 (오른손이 위)</translation>
    </message>
    <message>
        <source>Client&apos;s fist width</source>
        <translation>회원의 주먹 너비</translation>
    </message>
    <message>
        <source>The fist width turns the larger distance into fists for the suggestion: within 1 fist → 3, within 1.5 fists → 2, beyond → 1.</source>
        <translation>주먹 너비로 더 먼 쪽 거리를 주먹 수로 바꿔 점수를 제안합니다: 1주먹 이내 → 3, 1.5주먹 이내 → 2, 그 이상 → 1.</translation>
    </message>
    <message>
        <source>Clearing test</source>
        <translation>클리어링 테스트</translation>
    </message>
    <message>
        <source>Score (0–3)</source>
        <translation>점수 (0–3)</translation>
    </message>
    <message>
        <source>Pain on the clearing test always scores 0.</source>
        <translation>클리어링 테스트 시 통증이 있으면 항상 0점입니다.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to The5HC</source>
        <translation>The5HC 로그인</translation>
    </message>
    <message>
        <source>Remember username</source>
        <translation>사용자명 기억</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Email or username</source>
        <translation>이메일 또는 사용자명</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Enter your e-mail or username and your password.</source>
        <translation>이메일 또는 사용자명과 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Sign-in failed.</source>
        <translation>로그인에 실패했습니다.</translation>
    </message>
</context>
<context>
    <name>SignInFlow</name>
    <message>
        <source>Opening the database…</source>
        <translation>데이터베이스를 여는 중…</translation>
    </message>
    <message>
        <source>Creating the demo database with sample members…</source>
        <translation>예시 회원이 있는 데모 데이터베이스를 만드는 중…</translation>
    </message>
    <message>
        <source>Demo database with sample members. Sign in as {username} with the password {password}.</source>
        <translation>예시 회원이 들어 있는 데모 데이터베이스입니다. 사용자명 {username}, 비밀번호 {password}(으)로 로그인하세요.</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>환영합니다, {name}님!</translation>
    </message>
    <message>
        <source>Some screens could not be loaded. Details are in the log.</source>
        <translation>일부 화면을 불러오지 못했습니다. 자세한 내용은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>The database file is damaged</source>
        <translation>데이터베이스 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>Open Settings → Backup now to restore the last good backup?</source>
        <translation>지금 설정 → 백업을 열어 마지막 정상 백업을 복원하시겠습니까?</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>백업을 복원하는 중…</translation>
    </message>
    <message>
        <source>The backup was restored.</source>
        <translation>백업을 복원했습니다.</translation>
    </message>
    <message>
        <source>Sync: {count} conflict(s) were settled. See Settings → Sync → Conflict log.</source>
        <translation>동기화: 충돌 {count}건을 정리했습니다. 설정 → 동기화 → 충돌 기록에서 확인하세요.</translation>
    </message>
    <message>
        <source>The5HC Desktop</source>
        <translation>The5HC Desktop</translation>
    </message>
    <message>
        <source>{gym} — The5HC Desktop</source>
        <translation>{gym} — The5HC Desktop</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <source>Fitness assessment and training management</source>
        <translation>체력 평가 · 트레이닝 관리</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자명</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>마지막 로그인</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>비활성</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>잠김 ({time}까지)</translation>
    </message>
    <message>
        <source>Active (must change password)</source>
        <translation>활성 (비밀번호 변경 필요)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <source>Add…</source>
        <translation>직원 추가…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>역할 변경…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>비활성화</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>비밀번호 초기화…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>Senior trainers manage trainers and front-desk staff; only an owner manages owners. Nobody can deactivate their own account or the last active owner.</source>
        <translation>시니어 트레이너는 트레이너와 프런트 직원을 관리하고, 소유자 계정은 소유자만 관리합니다. 자신의 계정과 마지막 활성 소유자 계정은 비활성화할 수 없습니다.</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>다시 활성화</translation>
    </message>
    <message>
        <source>The account {name} was added.</source>
        <translation>{name} 계정을 추가했습니다.</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name}님의 역할을 {role}(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <source>Deactivate account</source>
        <translation>계정 비활성화</translation>
    </message>
    <message>
        <source>Deactivate the account of {name}? They will no longer be able to sign in. Their clients, sessions and assessments stay.</source>
        <translation>{name}님의 계정을 비활성화할까요? 더 이상 로그인할 수 없습니다. 담당 회원, 세션, 평가 기록은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>{name} was reactivated.</source>
        <translation>{name}님의 계정을 다시 활성화했습니다.</translation>
    </message>
    <message>
        <source>{name} was deactivated.</source>
        <translation>{name}님의 계정을 비활성화했습니다.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>비밀번호 초기화</translation>
    </message>
    <message>
        <source>Give {name} a new temporary password? Their current password stops working at once.</source>
        <translation>{name}님에게 새 임시 비밀번호를 발급할까요? 지금 쓰는 비밀번호는 바로 사용할 수 없게 됩니다.</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name}님이 다시 로그인할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>StepTestPage</name>
    <message>
        <source>Harvard step test</source>
        <translation>하버드 스텝 테스트</translation>
    </message>
    <message>
        <source>Step up and down with the metronome for 3 minutes (up, up, down, down), then sit; count the pulse for 30 seconds at 1:00, 2:00 and 3:00 of recovery.</source>
        <translation>메트로놈에 맞춰 3분 동안 오르내립니다(위, 위, 아래, 아래). 그다음 앉아서 회복 1:00, 2:00, 3:00에 각각 30초 동안 맥박을 셉니다.</translation>
    </message>
    <message>
        <source>Start stepping</source>
        <translation>스텝 시작</translation>
    </message>
    <message>
        <source>Client stopped</source>
        <translation>중단 (회원이 멈춤)</translation>
    </message>
    <message>
        <source>Reset timer</source>
        <translation>타이머 초기화</translation>
    </message>
    <message>
        <source>No sound on this PC: the metronome is silent. Follow the light and the Up / Down cue, or count the beat aloud.</source>
        <translation>이 PC에서는 소리가 나지 않아 메트로놈이 무음입니다. 깜빡이는 표시와 위/아래 안내를 따르거나 박자를 소리 내어 세어 주세요.</translation>
    </message>
    <message>
        <source>180 if completed</source>
        <translation>끝까지 하면 180</translation>
    </message>
    <message>
        <source>Metronome</source>
        <translation>메트로놈</translation>
    </message>
    <message>
        <source>s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Time stepped</source>
        <translation>지속 시간</translation>
    </message>
    <message>
        <source>beats in 30 s</source>
        <translation>회 (30초)</translation>
    </message>
    <message>
        <source>Pulse {start}–{end}</source>
        <translation>맥박 {start}–{end}</translation>
    </message>
    <message>
        <source>PFI</source>
        <translation>PFI</translation>
    </message>
    <message>
        <source>Enter the beats counted in each 30-second window (not beats per minute).</source>
        <translation>각 30초 동안 센 맥박 수를 입력하세요 (분당 심박수가 아닙니다).</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>Stepping</source>
        <translation>운동</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>회복</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Press Start when the client begins stepping.</source>
        <translation>회원이 스텝을 시작하면 &apos;스텝 시작&apos;을 누르세요.</translation>
    </message>
    <message>
        <source>Keep the client on the beat.</source>
        <translation>박자에 맞춰 스텝하도록 도와주세요.</translation>
    </message>
    <message>
        <source>Client sits down. First count starts at 1:00.</source>
        <translation>회원이 앉습니다. 첫 번째 측정은 1:00에 시작합니다.</translation>
    </message>
    <message>
        <source>Recovery finished. Check the three counts.</source>
        <translation>회복이 끝났습니다. 세 번의 맥박 수를 확인하세요.</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래</translation>
    </message>
    <message>
        <source>Count the pulse now for 30 seconds (count {n} of 3).</source>
        <translation>지금 30초 동안 맥박을 세세요 ({n}/3회).</translation>
    </message>
    <message>
        <source>Stop counting. Enter count {n}.</source>
        <translation>그만 세세요. {n}회차 맥박 수를 입력하세요.</translation>
    </message>
    <message>
        <source>Needs all three counts</source>
        <translation>맥박 수 3개가 모두 필요합니다</translation>
    </message>
</context>
<context>
    <name>StopwatchWidget</name>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Test connection</source>
        <translation>연결 테스트</translation>
    </message>
    <message>
        <source>Start syncing</source>
        <translation>동기화 시작</translation>
    </message>
    <message>
        <source>Connect to the gym&apos;s server</source>
        <translation>센터 서버에 연결</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>연결 해제…</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>이 데스크</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Gym</source>
        <translation>센터</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>마지막 동기화</translation>
    </message>
    <message>
        <source>Changes not yet on the server</source>
        <translation>아직 서버에 없는 변경</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>동기화 간격</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Conflict log</source>
        <translation>충돌 기록</translation>
    </message>
    <message>
        <source>(bound at the first sync)</source>
        <translation>(첫 동기화 때 정해집니다)</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <source>Enter the enrolment code and the device secret.</source>
        <translation>등록 코드와 기기 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Connected: gym {gym}, device {device}.</source>
        <translation>연결됨: 센터 {gym}, 기기 {device}.</translation>
    </message>
    <message>
        <source>Syncing is set up. The secret is kept in this computer&apos;s keyring.</source>
        <translation>동기화를 설정했습니다. 비밀번호는 이 컴퓨터의 키링에 보관됩니다.</translation>
    </message>
    <message>
        <source>Syncing is set up. This computer has no keyring, so the secret is asked once each time the program starts.</source>
        <translation>동기화를 설정했습니다. 이 컴퓨터에는 키링이 없어 프로그램을 시작할 때마다 비밀번호를 한 번 묻습니다.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 해제</translation>
    </message>
    <message>
        <source>Stop syncing this desk? The data on this computer stays; changes made here from now on are not sent to the server.</source>
        <translation>이 데스크의 동기화를 멈출까요? 이 컴퓨터의 데이터는 그대로 남고, 이후 여기서 바꾼 내용은 서버로 보내지 않습니다.</translation>
    </message>
    <message>
        <source>This desk no longer syncs. Local data is kept.</source>
        <translation>이 데스크는 더 이상 동기화하지 않습니다. 로컬 데이터는 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화 중…</translation>
    </message>
    <message>
        <source>Synced {time}</source>
        <translation>{time} 동기화됨</translation>
    </message>
    <message>
        <source>Error: {reason}</source>
        <translation>오류: {reason}</translation>
    </message>
    <message>
        <source>{count} to send</source>
        <translation>보낼 변경 {count}건</translation>
    </message>
    <message>
        <source>wrong secret</source>
        <translation>비밀번호 오류</translation>
    </message>
    <message>
        <source>device revoked</source>
        <translation>기기 등록 해제됨</translation>
    </message>
    <message>
        <source>another gym</source>
        <translation>다른 센터의 데이터</translation>
    </message>
    <message>
        <source>update required</source>
        <translation>업데이트 필요</translation>
    </message>
    <message>
        <source>clock ahead</source>
        <translation>시계가 빠름</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>서버가 거부함</translation>
    </message>
    <message>
        <source>server fault</source>
        <translation>서버 오류</translation>
    </message>
    <message>
        <source>secret needed</source>
        <translation>비밀번호 필요</translation>
    </message>
    <message>
        <source>see details</source>
        <translation>자세히 보기</translation>
    </message>
    <message>
        <source>The server cannot be reached. Work goes on here; changes are sent when the connection is back.</source>
        <translation>서버에 연결할 수 없습니다. 이 컴퓨터에서 계속 작업할 수 있고, 연결되면 변경 내용을 보냅니다.</translation>
    </message>
    <message>
        <source>Last synced: {time}</source>
        <translation>마지막 동기화: {time}</translation>
    </message>
    <message>
        <source>Changes not yet on the server: {count}</source>
        <translation>아직 서버에 없는 변경: {count}건</translation>
    </message>
    <message>
        <source>Conflict log entries: {count}</source>
        <translation>충돌 기록: {count}건</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <source>Device secret</source>
        <translation>기기 비밀번호</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep the sync secret safely, so it is asked once each time the program starts. Enter the device secret:</source>
        <translation>이 컴퓨터에는 동기화 비밀번호를 안전하게 보관할 키링이 없어, 프로그램을 시작할 때마다 한 번 묻습니다. 기기 비밀번호를 입력하세요:</translation>
    </message>
</context>
<context>
    <name>TemporaryPasswordDialog</name>
    <message>
        <source>Temporary password</source>
        <translation>임시 비밀번호</translation>
    </message>
    <message>
        <source>The temporary password of {name} is below. Give it to them in person: they must choose a new password when they next sign in. It is shown only now.</source>
        <translation>{name}님의 임시 비밀번호입니다. 직접 전달하세요. 다음 로그인 때 새 비밀번호로 바꿔야 합니다. 이 비밀번호는 지금만 표시됩니다.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
</context>
<context>
    <name>TodayList</name>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>트레이너</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>잔여</translation>
    </message>
    <message>
        <source>Sessions left in {package}</source>
        <translation>{package}의 남은 세션</translation>
    </message>
    <message>
        <source>{package} is overdrawn: sell a package, give a bonus or reverse a refund</source>
        <translation>{package} 초과 사용: 패키지를 판매하거나, 보너스를 주거나, 환불을 되돌리세요</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Mark the session as completed (uses one session)</source>
        <translation>세션을 완료 처리합니다 (세션 1회 차감)</translation>
    </message>
    <message>
        <source>The client did not come</source>
        <translation>회원이 오지 않았습니다 (노쇼)</translation>
    </message>
    <message>
        <source>Cancel the booking (no session is used)</source>
        <translation>예약을 취소합니다 (세션 차감 없음)</translation>
    </message>
    <message>
        <source>Undo: the session is booked again (a used session comes back)</source>
        <translation>되돌리기: 다시 예약 상태로 돌아갑니다 (사용한 세션은 돌려받습니다)</translation>
    </message>
</context>
<context>
    <name>ToeTouchPage</name>
    <message>
        <source>Toe touch</source>
        <translation>발끝 닿기</translation>
    </message>
    <message>
        <source>Standing, knees straight, reach down slowly; measure from the fingertips to the toes.</source>
        <translation>선 자세에서 무릎을 편 채 천천히 내려가 손끝에서 발끝까지의 거리를 잽니다.</translation>
    </message>
    <message>
        <source>Fingertips past the toes: enter + (e.g. 5). Short of the toes: enter − (e.g. −8). Exactly at the toes: 0.</source>
        <translation>발끝을 넘으면 +, 못 미치면 − (예: 넘어서 5cm → 5, 8cm 못 미침 → −8). 발끝에 딱 닿으면 0.</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>거리</translation>
    </message>
</context>
<context>
    <name>ToeTouchRuler</name>
    <message>
        <source>Toes (0)</source>
        <translation>발끝 (0)</translation>
    </message>
    <message>
        <source>− short of the toes</source>
        <translation>− 발끝에 못 미침</translation>
    </message>
    <message>
        <source>past the toes +</source>
        <translation>발끝을 넘음 +</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Cancelled.</source>
        <translation>작업을 취소했습니다.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>처리 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
